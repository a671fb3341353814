import { Module } from '@nestjs/common';

import { ReplayControlResponder } from './replay-control.responder';
import { ReplayController } from './replay.controller';
import { ReplayService } from './replay.service';

@Module({ controllers: [ReplayController], providers: [ReplayService, ReplayControlResponder] })
export class ReplayModule {}
