import { Module } from '@nestjs/common';

/** The live-gateway feature modules; hosted alone or inside the all-in-one. */
@Module({ imports: [] })
export class LiveGatewayModule {}
