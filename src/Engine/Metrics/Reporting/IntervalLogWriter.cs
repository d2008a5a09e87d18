using System.Text;
using HdrHistogram;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Writes interval histograms to an HdrHistogram interval log (<c>.hlog</c>) with the package's
/// <see cref="HistogramLogWriter"/>, each tagged with its series name, so HistogramLogAnalyzer, the HdrHistogram
/// plotter and <c>hdr-histogram-js</c> read it, and the package's <see cref="HistogramLogReader"/> reads it back.
/// Cold code: each append copies the interval into a reused package histogram and writes one line.
/// </summary>
/// <remarks>
/// The package's writer (2.5.0) encodes its text as UTF-16 with a byte-order mark, which the Java tools and
/// <c>hdr-histogram-js</c> do not read; the log's text is ASCII, so each line it writes is passed on to the file as
/// ASCII (UTF-8 without a mark), as HdrHistogram's Java writer produces it.
/// </remarks>
public sealed class IntervalLogWriter : IDisposable
{
    private readonly MemoryStream _utf16 = new();
    private readonly StreamWriter _file;
    private readonly HistogramLogWriter _log;
    private readonly Dictionary<string, LongHistogram> _scratch = new(StringComparer.Ordinal);

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the log header with <paramref name="startUtc"/>.</summary>
    public IntervalLogWriter(string path, DateTime startUtc)
    {
        _file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _log = new HistogramLogWriter(_utf16);
        _log.Write(startUtc); // version, start time and legend; no histogram yet
        Drain();
    }

    /// <summary>Appends <paramref name="interval"/> as one log line tagged <paramref name="tag"/> (no commas or spaces).</summary>
    public void Append(string tag, Histogram interval, DateTime startUtc, DateTime endUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        ArgumentNullException.ThrowIfNull(interval);
        if (tag.AsSpan().IndexOfAny(", \t\r\n") >= 0)
        {
            throw new ArgumentException($"a log tag cannot hold commas or white space: '{tag}'", nameof(tag));
        }

        if (!_scratch.TryGetValue(tag, out LongHistogram? copy)
            || copy.HighestTrackableValue < interval.HighestTrackableValue
            || copy.LowestTrackableValue != interval.LowestDiscernibleValue
            || copy.NumberOfSignificantValueDigits != interval.SignificantValueDigits)
        {
            copy = new LongHistogram(interval.LowestDiscernibleValue, interval.HighestTrackableValue, interval.SignificantValueDigits);
            _scratch[tag] = copy;
        }

        copy.Reset();
        HdrHistogramExport.AddTo(interval, copy);
        copy.Tag = tag;
        copy.StartTimeStamp = new DateTimeOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        copy.EndTimeStamp = new DateTimeOffset(DateTime.SpecifyKind(endUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        _log.Append(copy);
        Drain();
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        _log.Dispose();
        _file.Dispose();
        _utf16.Dispose();
    }

    /// <summary>Moves what the package wrote (it flushes after every line) from UTF-16 into the file.</summary>
    private void Drain()
    {
        string text = Encoding.Unicode.GetString(_utf16.GetBuffer(), 0, (int)_utf16.Length).TrimStart('\uFEFF');
        _utf16.SetLength(0);
        _file.Write(text);
        _file.Flush();
    }
}
