import { Module } from '@nestjs/common';

import { AnalyticsController } from './analytics/analytics.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { FeedConsumer } from './feed/feed-consumer.service';
import { StreamRangeReader } from './feed/stream-range-reader';
import { GatewayTokenGuard } from './guards/gateway-token.guard';
import { Broadcaster } from './hub/broadcaster.service';
import { DeltaHub } from './hub/delta-hub.service';
import { RoomIndex } from './hub/room-index';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { SessionCatalog } from './sessions/session-catalog.service';
import { LiveSessionsController, SessionsController } from './sessions/sessions.controller';
import { SocketServers } from './socket/socket-servers.service';
import { SubscriptionService } from './subscriptions/subscription.service';

/**
 * The live feed: EVENTS and TELEMETRY → per-session state → Socket.io rooms, per tick; the
 * sessions API; the dashboard. Hosted alone or inside the all-in-one.
 */
@Module({
  controllers: [SessionsController, LiveSessionsController, DashboardController, AnalyticsController],
  providers: [
    GatewayMetrics,
    DeltaHub,
    // A factory, not a value: two apps in one process (tests) must not share rooms.
    { provide: RoomIndex, useFactory: () => new RoomIndex() },
    FeedConsumer,
    StreamRangeReader,
    SubscriptionService,
    SocketServers,
    Broadcaster,
    SessionCatalog,
    GatewayTokenGuard,
  ],
})
export class LiveGatewayModule {}
