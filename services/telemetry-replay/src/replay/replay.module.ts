import { Module } from '@nestjs/common';

import { ReplayController } from './replay.controller';
import { ReplayService } from './replay.service';
import { ReplayControlResponder } from './replay-control.responder';

@Module({ controllers: [ReplayController], providers: [ReplayService, ReplayControlResponder] })
export class ReplayModule {}
