using System.Globalization;

namespace Engine.Cli.Record;

/// <summary>
/// The file of one hour of an <c>engine record</c> output: the UTC hour inserted before the extension, which is
/// everything from the file name's first dot (<c>btc.gz</c> → <c>btc.2026-12-05T13.gz</c>, <c>btc.ws.gz</c> →
/// <c>btc.2026-12-05T13.ws.gz</c>, <c>btc</c> → <c>btc.2026-12-05T13</c>).
/// </summary>
public static class HourlyFileName
{
    public const long NanosPerHour = 3_600_000_000_000;

    /// <summary>The start of the UTC hour holding <paramref name="unixNanos"/>, in Unix ns.</summary>
    public static long HourStart(long unixNanos) => unixNanos - (((unixNanos % NanosPerHour) + NanosPerHour) % NanosPerHour);

    public static string For(string path, long unixNanos)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DateTime hour = DateTime.UnixEpoch.AddTicks(HourStart(unixNanos) / 100);
        string stamp = hour.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture);
        string directory = Path.GetDirectoryName(path) ?? string.Empty;
        string name = Path.GetFileName(path);
        int dot = name.IndexOf('.', 1); // a leading dot names a hidden file, not an extension
        string hourly = dot < 0 ? $"{name}.{stamp}" : $"{name[..dot]}.{stamp}{name[dot..]}";
        return Path.Combine(directory, hourly);
    }
}
