/** Child entry: the sample web service (the relay's target) in its own process, apart from the load generator. */
import { startSampleService } from "../../server/sample-service/sample-service";
import { memoryHandler, serveChild } from "./child-ipc";

export interface TargetInfo {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  port: number;
}

void serveChild<TargetInfo>(async () => {
  const service = await startSampleService(0, "127.0.0.1");
  return { info: { url: service.url, port: service.port }, handlers: { memory: memoryHandler }, cleanup: () => service.stop() };
});
