import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document at `/docs-json` and its UI at `/docs`. */
export function mountOpenApi(app: INestApplication, title: string, description: string): void {
  const config = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1').build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
