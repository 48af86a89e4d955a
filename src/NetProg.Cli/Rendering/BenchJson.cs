using System.Text.Json;
using NetProg.Services.Bench;

namespace NetProg.Cli.Rendering;

/// <summary>
/// <c>netprog bench --json</c>: <c>{ "kind", "target", "connections", "size", "pipeline", "seconds", "operations",
/// "operationsPerSecond", "bytes", "megabytesPerSecond", "latencyMicroseconds": { "p50", "p90", "p99", "p99_9", "max", "mean" },
/// "errors": { "refused": n, ... }, "mismatchedBytes", "lost", "answeredInFirst100ms", "lossLooksRateLimited", "reordered", "unexpected",
/// "emptyReplies", "foreignReply": { "looksLike", "text", "bytes" } (when the server is not the service benched) }</c>. Names are stable.
/// </summary>
internal static class BenchJson
{
    public static void Write(TextWriter output, BenchResult r)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("kind", BenchText.Name(r.Options.Kind));
            json.WriteString("target", r.Target.ToString());
            json.WriteNumber("connections", r.Options.Connections);
            json.WriteNumber("size", r.Options.Size);
            json.WriteNumber("pipeline", r.Options.Pipeline);
            json.WriteNumber("seconds", Math.Round(r.Elapsed.TotalSeconds, 3));
            json.WriteNumber("operations", r.Operations);
            json.WriteNumber("operationsPerSecond", Math.Round(r.OperationsPerSecond, 1));
            json.WriteNumber("bytes", r.Bytes);
            json.WriteNumber("megabytesPerSecond", Math.Round(r.BytesPerSecond / 1e6, 3));
            json.WriteStartObject("latencyMicroseconds");
            json.WriteNumber("p50", Math.Round(r.Latency.P50.TotalMicroseconds, 1));
            json.WriteNumber("p90", Math.Round(r.Latency.P90.TotalMicroseconds, 1));
            json.WriteNumber("p99", Math.Round(r.Latency.P99.TotalMicroseconds, 1));
            json.WriteNumber("p99_9", Math.Round(r.Latency.P999.TotalMicroseconds, 1));
            json.WriteNumber("max", Math.Round(r.Latency.Max.TotalMicroseconds, 1));
            json.WriteNumber("mean", Math.Round(r.Latency.Mean.TotalMicroseconds, 1));
            json.WriteEndObject();
            json.WriteStartObject("errors");
            foreach (var (kind, count) in r.Errors)
            {
                json.WriteNumber(BenchText.ErrorName(kind).Replace(' ', '_'), count);
            }

            json.WriteEndObject();
            json.WriteNumber("mismatchedBytes", r.MismatchedBytes);
            json.WriteNumber("lost", r.Lost);
            json.WriteNumber("answeredInFirst100ms", r.AnsweredAtOnce);
            json.WriteBoolean("lossLooksRateLimited", r.LossLooksRateLimited);
            json.WriteNumber("reordered", r.Reordered);
            json.WriteNumber("unexpected", r.Unexpected);
            json.WriteNumber("emptyReplies", r.EmptyReplies);
            if (r.ForeignReply is { } foreign)
            {
                // Not the service benched: what the server answered instead (time, loginReply, echo, empty, unrecognised).
                json.WriteStartObject("foreignReply");
                json.WriteString("looksLike", JsonNamingPolicy.CamelCase.ConvertName(foreign.Kind.ToString()));
                json.WriteString("text", foreign.Text);
                json.WriteNumber("bytes", foreign.Bytes);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
