/**
 * The documents bucket: raw imported files under `imports/`, statements under `statements/`.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * @example await new DocumentStore(s3, bucket).put('statements/2026-03.csv', csv, 'text/csv; charset=utf-8');
 */
export class DocumentStore {
  private readonly s3: S3Client;
  private readonly bucket: string;

  constructor(s3: S3Client, bucket: string) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }
}
