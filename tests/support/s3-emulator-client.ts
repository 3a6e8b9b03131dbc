import { S3Client } from '@aws-sdk/client-s3';

/**
 * An SDK v3 S3 client on a local S3 emulator listening on `port`: path-style, s3rver's fixed
 * credentials, and checksums only where S3 requires them (s3rver knows no aws-chunked bodies).
 */
export function s3ClientOn(port: number): S3Client {
  return new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
