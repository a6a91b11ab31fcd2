/**
 * Receiving IB batches over HTTP without holding them in memory: the body (`application/xml`) or each file of a
 * `multipart/form-data` upload is streamed to a temporary file, counting bytes against the limit, then imported from
 * disk with the streaming parser. Over the limit, nothing is imported and the caller answers 413.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import Busboy from "busboy";
import { Data, Result } from "effect";

/** Largest upload the Madrid import accepts: a weekly IB batch of a large office fits (decision 0641). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Most files in one multipart upload. */
export const MAX_UPLOAD_FILES = 200;

export class UploadTooLarge extends Data.TaggedError("UploadTooLarge")<{ readonly limit: number }> {}
export class UploadInvalid extends Data.TaggedError("UploadInvalid")<{
  readonly status: 400 | 415;
  readonly message: string;
  readonly path: string;
}> {}
export type UploadError = UploadTooLarge | UploadInvalid;

export interface SpooledFile {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
}

export interface Spooled {
  readonly files: ReadonlyArray<SpooledFile>;
  /** Removes the temporary files. */
  readonly cleanup: () => Promise<void>;
}

const isXml = (type: string) => /^(application|text)\/([\w.+-]+\+)?xml\b/i.test(type);
const isMultipart = (type: string) => /^multipart\/form-data\b/i.test(type);

/** Streams a request body (XML or multipart) to temporary files. */
export const spoolUpload = async (
  request: Request,
  limit = MAX_UPLOAD_BYTES,
): Promise<Result.Result<Spooled, UploadError>> => {
  const type = request.headers.get("content-type") ?? "";
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return Result.fail(new UploadTooLarge({ limit }));
  if (!isXml(type) && !isMultipart(type)) {
    return Result.fail(
      new UploadInvalid({
        status: 415,
        path: "content-type",
        message: `send one IB document as application/xml, or several as multipart/form-data (got "${type.slice(0, 100)}")`,
      }),
    );
  }
  if (!request.body) return Result.fail(new UploadInvalid({ status: 400, path: "", message: "the body is empty" }));
  const dir = await mkdtemp(join(tmpdir(), "ipo-madrid-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const files: SpooledFile[] = [];
  let total = 0;
  const counter = async function* (source: AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > limit) throw new UploadTooLarge({ limit });
      yield chunk;
    }
  };
  try {
    const body = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
    if (isXml(type)) {
      const path = join(dir, "body.xml");
      await pipeline(body, counter, createWriteStream(path));
      files.push({ name: "body", path, bytes: total });
    } else {
      await new Promise<void>((resolve, reject) => {
        let busboy: Busboy.Busboy;
        try {
          busboy = Busboy({
            headers: { "content-type": type },
            limits: { files: MAX_UPLOAD_FILES, fileSize: limit, fields: 20, fieldSize: 1024 },
          });
        } catch (error) {
          reject(new UploadInvalid({ status: 400, path: "content-type", message: String((error as Error).message) }));
          return;
        }
        const writes: Array<Promise<void>> = [];
        busboy.on("file", (field, stream, info) => {
          if (`${field}${info.filename ?? ""}`.includes("\u0000")) {
            stream.resume();
            reject(
              new UploadInvalid({
                status: 400,
                path: `body.files[${files.length}].filename`,
                message: "the file's field or name contains a NUL character (U+0000), which is not accepted",
              }),
            );
            return;
          }
          const path = join(dir, `file-${files.length}.xml`);
          const entry = { name: info.filename || field, path, bytes: 0 };
          const index = files.length;
          files.push(entry);
          writes.push(
            pipeline(stream, createWriteStream(path)).then(() => {
              files[index] = { ...entry, bytes: (stream as unknown as { bytesRead?: number }).bytesRead ?? 0 };
            }),
          );
          stream.on("limit", () => reject(new UploadTooLarge({ limit })));
        });
        busboy.on("filesLimit", () =>
          reject(new UploadInvalid({ status: 400, path: "files", message: `at most ${MAX_UPLOAD_FILES} files` })),
        );
        busboy.on("error", (error) =>
          reject(
            error instanceof UploadTooLarge
              ? error
              : new UploadInvalid({
                  status: 400,
                  path: "",
                  message: `malformed multipart body: ${String((error as Error).message)}`,
                }),
          ),
        );
        busboy.on("close", () => Promise.all(writes).then(() => resolve(), reject));
        pipeline(body, counter, busboy).catch(reject);
      });
      if (files.length === 0) {
        await cleanup();
        return Result.fail(new UploadInvalid({ status: 400, path: "files", message: "the upload holds no file" }));
      }
    }
  } catch (error) {
    await cleanup();
    if (error instanceof UploadTooLarge || error instanceof UploadInvalid) return Result.fail(error);
    return Result.fail(
      new UploadInvalid({
        status: 400,
        path: "",
        message: `the body could not be read: ${String((error as Error)?.message ?? error)}`,
      }),
    );
  }
  return Result.succeed({ files, cleanup });
};
