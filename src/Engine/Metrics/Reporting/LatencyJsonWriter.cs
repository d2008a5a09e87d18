using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Engine.Metrics.Reporting;

/// <summary>
/// The machine-readable summary: <c>{"title", "unit": "ns", "series": [{"name", "count", "min", "mean", "p50",
/// "p90", "p99", "p99.9", "p99.99", "max", "overflow"}]}</c>, integers in nanoseconds, mean to 0.1 ns.
/// </summary>
public static class LatencyJsonWriter
{
    public static string ToJson(string title, IEnumerable<LatencySummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // names and titles stay readable; the file is not embedded in HTML
        }))
        {
            json.WriteStartObject();
            json.WriteString("title", title);
            json.WriteString("unit", "ns");
            json.WriteStartArray("series");
            foreach (LatencySummary s in summaries)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteNumber("count", s.Count);
                json.WriteNumber("min", s.MinNanos);
                json.WriteNumber("mean", Math.Round(s.MeanNanos, 1));
                json.WriteNumber("p50", s.P50Nanos);
                json.WriteNumber("p90", s.P90Nanos);
                json.WriteNumber("p99", s.P99Nanos);
                json.WriteNumber("p99.9", s.P999Nanos);
                json.WriteNumber("p99.99", s.P9999Nanos);
                json.WriteNumber("max", s.MaxNanos);
                json.WriteNumber("overflow", s.Overflow);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
