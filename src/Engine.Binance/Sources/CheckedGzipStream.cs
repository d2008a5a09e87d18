using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Engine.Binance.Sources;

/// <summary>
/// Decompresses a gzip file member by member and checks each member's CRC-32 and length against its trailer, so a
/// file cut short (even at a flush point, where the deflate data alone decodes cleanly) or damaged is an
/// <see cref="InvalidDataException"/> naming the file and the byte position, after every byte before it was
/// delivered. .NET's GZipStream reads such a file to its cut without a word. Several members back to back (appended
/// captures) read as one stream, as with gzip(1).
/// <para>
/// How the trailer is found: the raw deflate reader pulls the file in chunks and stops inside the last chunk it pulled
/// without saying where; the member's 8-byte trailer (CRC-32, length) is the first place from that chunk's start on
/// whose bytes equal the CRC and length of what was decompressed (a false match is a 1 in 2^64 chance), and the next
/// member starts right after it. Not finding it means the member never ended (cut) or its data is damaged.
/// </para>
/// </summary>
public sealed class CheckedGzipStream : Stream
{
    private const byte FlagHeaderCrc = 2;
    private const byte FlagExtra = 4;
    private const byte FlagName = 8;
    private const byte FlagComment = 16;

    private readonly FileStream _file;
    private readonly string _name;
    private readonly ChunkTracker _feed;
    private readonly Crc32 _crc = new();
    private byte[] _search = new byte[64 * 1024];
    private DeflateStream? _inflate;
    private long _memberStart;
    private long _memberBytes;
    private long _total;
    private int _members;
    private bool _done;

    public CheckedGzipStream(FileStream file, string name)
    {
        ArgumentNullException.ThrowIfNull(file);
        _file = file;
        _name = name;
        _feed = new ChunkTracker(file);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (!_done)
        {
            if (_inflate is null && !StartMember())
            {
                _done = true;
                break;
            }

            int n;
            try
            {
                n = _inflate!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw Damaged(_feed.ChunkEnd, $"the compressed data is damaged ({e.Message})");
            }

            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _memberBytes += n;
                _total += n;
                return n;
            }

            EndMember();
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflate?.Dispose();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads a member header at the file's position; false at a clean end of the file after a member.</summary>
    private bool StartMember()
    {
        _memberStart = _file.Position;
        Span<byte> header = stackalloc byte[10];
        int got = _file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got == 0 && _members > 0)
        {
            return false;
        }

        if (got < header.Length || header[0] != 0x1f || header[1] != 0x8b || header[2] != 8)
        {
            throw _members == 0
                ? new InvalidDataException($"{_name}: not gzip (named .gz, but its first bytes are no gzip header)")
                : Damaged(_memberStart, "bytes after the last complete gzip member that are no gzip member");
        }

        byte flags = header[3];
        if ((flags & FlagExtra) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            ReadHeaderBytes(length);
            _file.Seek(BinaryPrimitives.ReadUInt16LittleEndian(length), SeekOrigin.Current);
        }

        if ((flags & FlagName) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagComment) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            _file.Seek(2, SeekOrigin.Current);
        }

        _members++;
        _crc.Reset();
        _memberBytes = 0;
        _feed.Reset(_file.Position);
        _inflate = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>The deflate data ended: finds and checks the member's trailer, and positions the file after it.</summary>
    private void EndMember()
    {
        _inflate!.Dispose();
        _inflate = null;
        long from = _feed.ChunkStart;
        long to = _feed.ChunkEnd;
        int length = (int)(to - from) + 8;
        if (_search.Length < length)
        {
            _search = new byte[length];
        }

        int got = RandomAccess.Read(_file.SafeFileHandle, _search.AsSpan(0, length), from);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)_memberBytes);
        int at = _search.AsSpan(0, got).IndexOf(trailer);
        if (at < 0)
        {
            long end = _file.Length;
            throw to >= end
                ? Damaged(end, $"cut: the file ends inside a gzip member (started at byte {_memberStart}) before its end")
                : Damaged(_memberStart, "the gzip member starting here fails its CRC-32 / length check");
        }

        _file.Position = from + at + 8;
    }

    private void ReadHeaderBytes(Span<byte> bytes)
    {
        if (_file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
        {
            throw Damaged(_memberStart, "cut inside a gzip header");
        }
    }

    private void SkipZeroTerminated()
    {
        int b;
        while ((b = _file.ReadByte()) > 0)
        {
        }

        if (b < 0)
        {
            throw Damaged(_memberStart, "cut inside a gzip header");
        }
    }

    private InvalidDataException Damaged(long position, string what) =>
        new($"{_name}: at compressed byte {position} (after {_total} decompressed bytes): {what}");

    /// <summary>Passes reads through to the file and remembers where the last one started and ended.</summary>
    private sealed class ChunkTracker(FileStream file) : Stream
    {
        public long ChunkStart { get; private set; }

        public long ChunkEnd { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => file.Position;
            set => throw new NotSupportedException();
        }

        public void Reset(long position) => ChunkStart = ChunkEnd = position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            long start = file.Position;
            int n = file.Read(buffer);
            if (n > 0)
            {
                // The end of the file (0) keeps the last chunk: the member's end lies in it
                ChunkStart = start;
                ChunkEnd = start + n;
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
