using System.Globalization;
using System.Text;
using HdrHistogram;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Writes interval histograms to an HdrHistogram interval log (<c>.hlog</c>), each tagged with its series name, so
/// HistogramLogAnalyzer, the HdrHistogram plotter and <c>hdr-histogram-js</c> read it, and the package's
/// <see cref="HistogramLogReader"/> reads back lines under about 8 KB (see below). The header comes from the package's
/// <see cref="HistogramLogWriter"/>; each interval line is encoded here (V2 compressed encoding, base64) through fixed
/// buffers.
/// </summary>
/// <remarks>
/// <para>
/// The package's writer (2.5.0) encodes each histogram through fresh buffers of the histogram's full encoded size
/// (hundreds of KB, Large Object Heap) and a string per line: at one line per stage per status interval that was
/// garbage only a gen2 collection frees, and the soak saw the heap grow by about 1.3 MB/s. Here an append allocates
/// nothing, ever: the payload is encoded twice (once to measure it) and streamed through fixed buffers of a few KB
/// into base64, and its zlib stream is made of stored deflate blocks with a hand-computed Adler-32, so no compressor
/// object per line (the lines are longer than compressed ones). The package's reader (2.5.0) inflates with a single
/// read, which yields only what the first 8 KB of zlib input hold: it refuses longer lines, compressed or not (a loaded
/// run's end-to-end line is longer); the Java tools read them whole.
/// </para>
/// <para>
/// Line: <c>Tag=&lt;tag&gt;,&lt;start s&gt;,&lt;length s&gt;,&lt;max / 10^6&gt;,&lt;base64&gt;</c> (as the package
/// writes it). Payload: cookie <c>0x1c849314</c>, compressed length, then a zlib stream (stored blocks, Adler-32) of the V2 encoding: cookie
/// <c>0x1c849313</c>, payload length, normalizing offset 0, significant digits, lowest and highest value, ratio 1.0
/// (all big-endian), and the counts up to the last non-zero one as ZigZag LEB128 (at most 9 bytes), a run of n &gt; 1
/// empty slots as −n. The package writes its text as UTF-16 with a byte-order mark, which the Java tools do not read;
/// this file is ASCII (UTF-8 without a mark), as HdrHistogram's Java writer produces it.
/// </para>
/// </remarks>
public sealed partial class IntervalLogWriter : IDisposable
{
    private const int EncodingCookie = 0x1c849303 | 0x10;
    private const int CompressedEncodingCookie = 0x1c849304 | 0x10;
    private const int HeaderBytes = 40;
    private const int MaxWordBytes = 9;
    private const double MaxValueUnitRatio = 1_000_000.0;

    private const int MaxTagLength = 256;

    private readonly StreamWriter _file;
    private readonly char[] _head = new char[MaxTagLength + 128]; // "Tag=<tag>,<start>,<length>,<max>,"
    private bool _disposed;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the log header with <paramref name="startUtc"/>.</summary>
    public IntervalLogWriter(string path, DateTime startUtc)
    {
        _file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        // Version, start time and legend from the package (once): its text is UTF-16 with a byte-order mark.
        using var utf16 = new MemoryStream();
        using (var header = new HistogramLogWriter(utf16))
        {
            header.Write(startUtc);
            _file.Write(Encoding.Unicode.GetString(utf16.GetBuffer(), 0, (int)utf16.Length).TrimStart('\uFEFF'));
        }

        _file.Flush();
    }

    /// <summary>Appends <paramref name="interval"/> as one log line tagged <paramref name="tag"/> (no commas or spaces).</summary>
    public void Append(string tag, Histogram interval, DateTime startUtc, DateTime endUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        ArgumentNullException.ThrowIfNull(interval);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (tag.AsSpan().IndexOfAny(", \t\r\n") >= 0)
        {
            throw new ArgumentException($"a log tag cannot hold commas or white space: '{tag}'", nameof(tag));
        }

        if (tag.Length > MaxTagLength)
        {
            throw new ArgumentException($"a log tag is at most {MaxTagLength} characters: '{tag}'", nameof(tag));
        }

        long startMs = new DateTimeOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        long endMs = new DateTimeOffset(DateTime.SpecifyKind(endUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        double startSeconds = startMs / 1000.0;
        double lengthSeconds = (endMs / 1000.0) - startSeconds;
        double max = interval.MaxValue / MaxValueUnitRatio;

        Span<char> line = _head;
        int n = 0;
        n += Put(line[n..], "Tag=");
        n += Put(line[n..], tag);
        line[n++] = ',';
        n += PutF3(line[n..], startSeconds);
        line[n++] = ',';
        n += PutF3(line[n..], lengthSeconds);
        line[n++] = ',';
        n += PutF3(line[n..], max);
        line[n++] = ',';
        _file.Write(line[..n]);
        WritePayload(interval);
        _file.Write('\n');
        _file.Flush();
    }

    /// <summary>Flushes and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _file.Dispose();
    }

    private static int Put(Span<char> target, string text)
    {
        text.AsSpan().CopyTo(target);
        return text.Length;
    }

    private static int PutF3(Span<char> target, double value)
    {
        if (!value.TryFormat(target, out int written, "F3", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("interval log line buffer too small"); // sized above: cannot happen
        }

        return written;
    }
}
