using System.Buffers.Binary;

namespace Engine.Metrics.Reporting;

// The line's payload, streamed: compressed-encoding cookie and length, then a zlib stream (RFC 1950) of stored deflate
// blocks (RFC 1951 3.2.4) holding the V2 encoding, then its Adler-32; base64 through fixed buffers.
public sealed partial class IntervalLogWriter
{
    private const int MaxStoredBlock = 65_535;
    private const int StageBytes = 3 * 1024;   // a multiple of 3: every chunk but the last encodes without padding

    private readonly byte[] _words = new byte[4096];     // counts' words, handed on a chunk at a time
    private readonly byte[] _stage = new byte[StageBytes];
    private readonly char[] _base64 = new char[StageBytes / 3 * 4];
    private int _staged;
    private int _blockLeft;   // data bytes left in the current stored block
    private int _dataLeft;    // data bytes left in the whole stream
    private uint _adlerA;
    private uint _adlerB;

    /// <summary>Adler-32 (RFC 1950 8.2) of <paramref name="data"/>.</summary>
    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        AddAdler(data, ref a, ref b);
        return (b << 16) | a;
    }

    /// <summary>Sums modulo 65521, reduced every 5552 bytes, before they could overflow.</summary>
    private static void AddAdler(ReadOnlySpan<byte> data, ref uint a, ref uint b)
    {
        const uint Modulus = 65521;
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
    }

    private void WritePayload(Histogram histogram)
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

        int countsLength = EncodeCounts(histogram, limit, measureOnly: true);
        int dataLength = HeaderBytes + countsLength;
        int blocks = Math.Max(1, (dataLength + MaxStoredBlock - 1) / MaxStoredBlock);
        int zlibLength = 2 + (blocks * 5) + dataLength + 4;

        Span<byte> bytes = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteInt32BigEndian(bytes, CompressedEncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(bytes[4..], zlibLength);
        bytes[8] = 0x78; // zlib: deflate, 32 KB window
        bytes[9] = 0x01; // no preset dictionary, fastest level; 0x7801 is a multiple of 31 (RFC 1950's check)
        Emit(bytes[..10]);

        _dataLeft = dataLength;
        _blockLeft = 0;
        _adlerA = 1;
        _adlerB = 0;
        BinaryPrimitives.WriteInt32BigEndian(bytes, EncodingCookie);
        BinaryPrimitives.WriteInt32BigEndian(bytes[4..], countsLength);
        BinaryPrimitives.WriteInt32BigEndian(bytes[8..], 0); // normalizing index offset
        BinaryPrimitives.WriteInt32BigEndian(bytes[12..], histogram.SignificantValueDigits);
        BinaryPrimitives.WriteInt64BigEndian(bytes[16..], histogram.LowestDiscernibleValue);
        BinaryPrimitives.WriteInt64BigEndian(bytes[24..], histogram.HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(bytes[32..], 1.0); // integer to double value conversion ratio
        WriteData(bytes);
        EncodeCounts(histogram, limit, measureOnly: false);

        BinaryPrimitives.WriteUInt32BigEndian(bytes, (_adlerB << 16) | _adlerA);
        Emit(bytes[..4]);
        FlushStage();
    }

    /// <summary>
    /// The counts as ZigZag LEB128 words, a run of n &gt; 1 empty slots as −n: measured only (returns the length), or
    /// written through <see cref="WriteData"/> a chunk at a time.
    /// </summary>
    private int EncodeCounts(Histogram histogram, int limit, bool measureOnly)
    {
        int bytes = 0, filled = 0;
        Span<byte> words = _words;
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

            if (filled > words.Length - MaxWordBytes)
            {
                if (!measureOnly)
                {
                    WriteData(words[..filled]);
                }

                filled = 0;
            }

            int written = PutZigZag(words[filled..], count);
            bytes += written;
            filled += written;
        }

        if (!measureOnly && filled > 0)
        {
            WriteData(words[..filled]);
        }

        return bytes;
    }

    /// <summary>Bytes of the encoding: into stored blocks (a block header before each 65,535), and into the checksum.</summary>
    private void WriteData(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[5];
        while (!data.IsEmpty)
        {
            if (_blockLeft == 0)
            {
                int length = Math.Min(MaxStoredBlock, _dataLeft);
                header[0] = (byte)(length == _dataLeft ? 1 : 0); // BFINAL on the last; BTYPE 00 = stored
                BinaryPrimitives.WriteUInt16LittleEndian(header[1..], (ushort)length);
                BinaryPrimitives.WriteUInt16LittleEndian(header[3..], (ushort)~length);
                Emit(header);
                _blockLeft = length;
            }

            int take = Math.Min(_blockLeft, data.Length);
            AddAdler(data[..take], ref _adlerA, ref _adlerB);
            Emit(data[..take]);
            _blockLeft -= take;
            _dataLeft -= take;
            data = data[take..];
        }
    }

    /// <summary>Payload bytes, base64-encoded into the file a stage (3 KB) at a time.</summary>
    private void Emit(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int take = Math.Min(StageBytes - _staged, bytes.Length);
            bytes[..take].CopyTo(_stage.AsSpan(_staged));
            _staged += take;
            bytes = bytes[take..];
            if (_staged == StageBytes)
            {
                FlushStage();
            }
        }
    }

    private void FlushStage()
    {
        if (_staged == 0)
        {
            return;
        }

        if (!Convert.TryToBase64Chars(_stage.AsSpan(0, _staged), _base64, out int chars))
        {
            throw new InvalidOperationException("base64 buffer too small"); // 4 chars per 3 bytes: cannot happen
        }

        _file.Write(_base64.AsSpan(0, chars));
        _staged = 0;
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
}
