using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using HdrHistogram;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Writes interval histograms to an HdrHistogram interval log (<c>.hlog</c>), each tagged with its series name, so
/// HistogramLogAnalyzer, the HdrHistogram plotter and <c>hdr-histogram-js</c> read it, and the package's
/// <see cref="HistogramLogReader"/> reads it back. The header comes from the package's <see cref="HistogramLogWriter"/>;
/// each interval line is encoded here (V2 compressed encoding, base64) through buffers reused from line to line.
/// </summary>
/// <remarks>
/// <para>
/// The package's writer (2.5.0) encodes each histogram through fresh buffers of the histogram's full encoded size
/// (hundreds of KB, Large Object Heap) and a string per line: at one line per stage per status interval that was
/// garbage only a gen2 collection frees, and the soak saw the heap grow by about 1.3 MB/s. Here an append allocates
/// only the compressor (a few hundred bytes) once the buffers have grown to the largest line so far.
/// </para>
/// <para>
/// Line: <c>Tag=&lt;tag&gt;,&lt;start s&gt;,&lt;length s&gt;,&lt;max / 10^6&gt;,&lt;base64&gt;</c> (as the package
/// writes it). Payload: cookie <c>0x1c849314</c>, compressed length, then a zlib stream of the V2 encoding: cookie
/// <c>0x1c849313</c>, payload length, normalizing offset 0, significant digits, lowest and highest value, ratio 1.0
/// (all big-endian), and the counts up to the last non-zero one as ZigZag LEB128 (at most 9 bytes), a run of n &gt; 1
/// empty slots as −n. The package writes its text as UTF-16 with a byte-order mark, which the Java tools do not read;
/// this file is ASCII (UTF-8 without a mark), as HdrHistogram's Java writer produces it.
/// </para>
/// </remarks>
public sealed class IntervalLogWriter : IDisposable
{
    private const int EncodingCookie = 0x1c849303 | 0x10;
    private const int CompressedEncodingCookie = 0x1c849304 | 0x10;
    private const int HeaderBytes = 40;
    private const int MaxWordBytes = 9;
    private const double MaxValueUnitRatio = 1_000_000.0;

    private readonly StreamWriter _file;
    private readonly MemoryStream _compressed = new();   // compressed cookie, length, zlib stream; reused
    private readonly byte[] _chunk = new byte[4096];     // uncompressed encoding, passed to the compressor in chunks
    private char[] _line = new char[1024];               // grown to the longest line
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

        int payloadBytes = Compress(interval);
        long startMs = new DateTimeOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        long endMs = new DateTimeOffset(DateTime.SpecifyKind(endUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        double startSeconds = startMs / 1000.0;
        double lengthSeconds = (endMs / 1000.0) - startSeconds;
        double max = interval.MaxValue / MaxValueUnitRatio;

        int needed = tag.Length + (3 * 32) + 16 + (((payloadBytes + 2) / 3) * 4);
        if (_line.Length < needed)
        {
            _line = new char[Math.Max(needed, _line.Length * 2)];
        }

        Span<char> line = _line;
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
        if (!Convert.TryToBase64Chars(_compressed.GetBuffer().AsSpan(0, payloadBytes), line[n..], out int base64))
        {
            throw new InvalidOperationException("interval log line buffer too small"); // sized above: cannot happen
        }

        n += base64;
        line[n++] = '\n';
        _file.Write(line[..n]);
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
        _compressed.Dispose();
    }

    /// <summary>Encodes <paramref name="histogram"/> compressed into <see cref="_compressed"/>; returns its length.</summary>
    private int Compress(Histogram histogram)
    {
        int limit = 0; // counts up to and including the last non-zero slot
        for (int i = histogram.CountsArrayLength - 1; i >= 0; i--)
        {
            if (histogram.CountAtIndex(i) != 0)
            {
                limit = i + 1;
                break;
            }
        }

        _compressed.SetLength(0);
        Span<byte> wrapper = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(wrapper, CompressedEncodingCookie);
        _compressed.Write(wrapper); // the length is filled in below
        using (var zlib = new ZLibStream(_compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            int payloadLength = EncodeCounts(histogram, limit, null); // measures through _chunk: before the header
            Span<byte> header = _chunk.AsSpan(0, HeaderBytes);
            BinaryPrimitives.WriteInt32BigEndian(header, EncodingCookie);
            BinaryPrimitives.WriteInt32BigEndian(header[4..], payloadLength);
            BinaryPrimitives.WriteInt32BigEndian(header[8..], 0); // normalizing index offset
            BinaryPrimitives.WriteInt32BigEndian(header[12..], histogram.SignificantValueDigits);
            BinaryPrimitives.WriteInt64BigEndian(header[16..], histogram.LowestDiscernibleValue);
            BinaryPrimitives.WriteInt64BigEndian(header[24..], histogram.HighestTrackableValue);
            BinaryPrimitives.WriteDoubleBigEndian(header[32..], 1.0); // integer to double value conversion ratio
            zlib.Write(header);
            EncodeCounts(histogram, limit, zlib);
        }

        int total = (int)_compressed.Length;
        BinaryPrimitives.WriteInt32BigEndian(_compressed.GetBuffer().AsSpan(4), total - 8);
        return total;
    }

    /// <summary>
    /// The counts' encoding: with <paramref name="target"/> null only measures it (bytes), else writes it there in
    /// chunks through <see cref="_chunk"/>.
    /// </summary>
    private int EncodeCounts(Histogram histogram, int limit, Stream? target)
    {
        int bytes = 0, filled = 0;
        Span<byte> chunk = _chunk;
        int i = 0;
        while (i < limit)
        {
            long count = histogram.CountAtIndex(i++);
            if (count == 0)
            {
                long zeros = 1;
                while (i < limit && histogram.CountAtIndex(i) == 0)
                {
                    zeros++;
                    i++;
                }

                if (zeros > 1)
                {
                    count = -zeros;
                }
            }

            if (target is not null && filled > chunk.Length - MaxWordBytes)
            {
                target.Write(chunk[..filled]);
                filled = 0;
            }

            int written = PutZigZag(target is null ? chunk : chunk[filled..], count);
            bytes += written;
            filled = target is null ? 0 : filled + written;
        }

        if (target is not null && filled > 0)
        {
            target.Write(chunk[..filled]);
        }

        return bytes;
    }

    /// <summary>ZigZag LEB128-64b9B: 7 bits a byte for 8 bytes, then a 9th byte with the top 8 bits.</summary>
    private static int PutZigZag(Span<byte> target, long value)
    {
        ulong v = (ulong)((value << 1) ^ (value >> 63));
        for (int i = 0; i < 8; i++)
        {
            if (v >> 7 == 0)
            {
                target[i] = (byte)v;
                return i + 1;
            }

            target[i] = (byte)((v & 0x7F) | 0x80);
            v >>= 7;
        }

        target[8] = (byte)v;
        return 9;
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
