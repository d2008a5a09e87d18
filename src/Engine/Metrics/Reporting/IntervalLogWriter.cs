using System.Buffers.Binary;
using System.Globalization;
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
/// nothing once the buffers have grown to the largest line so far: the zlib stream is made of stored deflate blocks
/// (no compressor object per line; the lines are longer than compressed ones, a few KB of base64 per stage).
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
public sealed class IntervalLogWriter : IDisposable
{
    private const int EncodingCookie = 0x1c849303 | 0x10;
    private const int CompressedEncodingCookie = 0x1c849304 | 0x10;
    private const int HeaderBytes = 40;
    private const int MaxWordBytes = 9;
    private const double MaxValueUnitRatio = 1_000_000.0;

    private const int MaxStoredBlock = 65_535;

    private readonly StreamWriter _file;
    private byte[] _raw = new byte[4096];                // the V2 encoding; grown to the largest so far
    private byte[] _payload = new byte[4096];            // compressed cookie, length, zlib stream; grown likewise
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
        if (!Convert.TryToBase64Chars(_payload.AsSpan(0, payloadBytes), line[n..], out int base64))
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
    }

    /// <summary>
    /// Encodes <paramref name="histogram"/> into <see cref="_payload"/> (compressed-encoding cookie, length, zlib
    /// stream); returns its length. The zlib stream holds stored (uncompressed) deflate blocks and the Adler-32 of the
    /// encoding, computed here: every inflater reads it, and unlike a <see cref="System.IO.Compression.ZLibStream"/>,
    /// which cannot be reset and is new per line, it needs no compressor object.
    /// </summary>
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

        int rawCapacity = HeaderBytes + (limit * MaxWordBytes);
        if (_raw.Length < rawCapacity)
        {
            _raw = new byte[Math.Max(rawCapacity, _raw.Length * 2)];
        }

        int payloadLength = EncodeCounts(histogram, limit, _raw.AsSpan(HeaderBytes));
        Span<byte> header = _raw.AsSpan(0, HeaderBytes);
        BinaryPrimitives.WriteInt32BigEndian(header, EncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], payloadLength);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], 0); // normalizing index offset
        BinaryPrimitives.WriteInt32BigEndian(header[12..], histogram.SignificantValueDigits);
        BinaryPrimitives.WriteInt64BigEndian(header[16..], histogram.LowestDiscernibleValue);
        BinaryPrimitives.WriteInt64BigEndian(header[24..], histogram.HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(header[32..], 1.0); // integer to double value conversion ratio
        ReadOnlySpan<byte> raw = _raw.AsSpan(0, HeaderBytes + payloadLength);

        int blocks = Math.Max(1, (raw.Length + MaxStoredBlock - 1) / MaxStoredBlock);
        int total = 8 + 2 + (blocks * 5) + raw.Length + 4;
        if (_payload.Length < total)
        {
            _payload = new byte[Math.Max(total, _payload.Length * 2)];
        }

        Span<byte> output = _payload.AsSpan(0, total);
        BinaryPrimitives.WriteInt32BigEndian(output, CompressedEncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(output[4..], total - 8);
        output[8] = 0x78; // zlib: deflate, 32 KB window
        output[9] = 0x01; // no preset dictionary, fastest level; 0x7801 is a multiple of 31 (RFC 1950's check)
        int n = 10;
        for (int block = 0, offset = 0; block < blocks; block++)
        {
            int length = Math.Min(MaxStoredBlock, raw.Length - offset);
            output[n++] = (byte)(block == blocks - 1 ? 1 : 0); // BFINAL on the last, BTYPE 00 = stored (RFC 1951 3.2.4)
            BinaryPrimitives.WriteUInt16LittleEndian(output[n..], (ushort)length);
            BinaryPrimitives.WriteUInt16LittleEndian(output[(n + 2)..], (ushort)~length);
            n += 4;
            raw.Slice(offset, length).CopyTo(output[n..]);
            n += length;
            offset += length;
        }

        BinaryPrimitives.WriteUInt32BigEndian(output[n..], Adler32(raw));
        return total;
    }

    /// <summary>Adler-32 (RFC 1950 8.2): sums modulo 65521, reduced every 5552 bytes, where they cannot overflow.</summary>
    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            int run = Math.Min(5552, data.Length);
            foreach (byte x in data[..run])
            {
                a += x;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[run..];
        }

        return (b << 16) | a;
    }

    /// <summary>The counts' encoding into <paramref name="target"/> (sized for 9 bytes a count); returns its length.</summary>
    private static int EncodeCounts(Histogram histogram, int limit, Span<byte> target)
    {
        int bytes = 0;
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

            bytes += PutZigZag(target[bytes..], count);
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
