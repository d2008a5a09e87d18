using System.Text.Json;
using Engine.Metrics;

namespace Engine.Cli.Run;

/// <summary>
/// Saves latency histograms losslessly (at their resolution) as <c>histograms.json</c>: per series its layout
/// (lowest, highest, digits) and the count of every non-empty equivalence range, keyed by the range's lowest value;
/// plus the overflow. Loading records each count back at that value, so every percentile re-renders identically.
/// The <c>.hgrm</c> files are for people and plotting tools; this file is for <c>engine report</c>.
/// </summary>
public static class HistogramStore
{
    public const string FileName = "histograms.json";

    public static void Save(string path, IReadOnlyList<(string Name, Histogram Histogram)> series)
    {
        ArgumentNullException.ThrowIfNull(series);

        // Written beside the target and renamed over it: a full disk leaves the old file or none, never a cut one.
        string temp = path + ".tmp";
        try
        {
            using (FileStream stream = File.Create(temp))
            {
                Write(stream, series);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void Write(Stream stream, IReadOnlyList<(string Name, Histogram Histogram)> series)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        json.WriteStartArray("series");
        foreach ((string name, Histogram h) in series)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNumber("lowest", h.LowestDiscernibleValue);
            json.WriteNumber("highest", h.HighestTrackableValue);
            json.WriteNumber("digits", h.SignificantValueDigits);
            json.WriteNumber("overflow", h.OverflowCount);
            json.WriteNumber("maxOverflow", h.MaxOverflowValue);
            json.WriteStartArray("counts");
            if (h.TotalCount > 0)
            {
                long max = h.MaxValue;
                for (long v = h.LowestEquivalentValue(h.MinValue); v <= max; v = h.NextNonEquivalentValue(v))
                {
                    long count = h.CountAtValue(v);
                    if (count > 0)
                    {
                        json.WriteStartArray();
                        json.WriteNumberValue(v);
                        json.WriteNumberValue(count);
                        json.WriteEndArray();
                    }
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static IReadOnlyList<(string Name, Histogram Histogram)> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no saved histograms (not a run directory?)", path);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var result = new List<(string, Histogram)>();
            foreach (JsonElement s in doc.RootElement.GetProperty("series").EnumerateArray())
            {
                var h = new Histogram(s.GetProperty("lowest").GetInt64(), s.GetProperty("highest").GetInt64(), s.GetProperty("digits").GetInt32());
                foreach (JsonElement pair in s.GetProperty("counts").EnumerateArray())
                {
                    h.RecordValueWithCount(pair[0].GetInt64(), pair[1].GetInt64());
                }

                long overflow = s.GetProperty("overflow").GetInt64();
                if (overflow > 0)
                {
                    h.RecordValueWithCount(s.GetProperty("maxOverflow").GetInt64(), overflow);
                }

                result.Add((s.GetProperty("name").GetString() ?? "unnamed", h));
            }

            return result;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{path}: not a saved histogram file ({ex.Message})", ex);
        }
    }
}
