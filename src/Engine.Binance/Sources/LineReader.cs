using System.IO.Compression;

namespace Engine.Binance.Sources;

/// <summary>
/// Splits a byte stream into lines without allocating per line: one buffer, reused, grown only while warming up to
/// the longest line seen (up to a limit; longer lines are skipped and reported). Opens <c>.gz</c> (gzip, multi-member,
/// each member's CRC and length checked: a cut or damaged file is an error naming it, <see cref="CheckedGzipStream"/>)
/// and <c>.zip</c> (first entry) by extension. A UTF-8 BOM and a trailing '\r' are removed.
/// </summary>
public sealed class LineReader : IDisposable
{
    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly IDisposable? _owner;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private bool _skipping;

    public LineReader(Stream stream, IDisposable? owner = null, int initialBytes = 64 * 1024, int maxLineBytes = DefaultMaxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _owner = owner;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(initialBytes, maxLineBytes)];
    }

    /// <summary>Number of the line last returned, 1-based.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens a file, decompressing <c>.gz</c> and <c>.zip</c> by extension.</summary>
    public static LineReader Open(string path, int maxLineBytes = DefaultMaxLineBytes)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            ZipArchive archive = ZipFile.OpenRead(path);
            try
            {
                ZipArchiveEntry entry = archive.Entries.FirstOrDefault(e => e.Name.Length > 0)
                    ?? throw new InvalidDataException($"{path}: empty zip archive");
                return new LineReader(entry.Open(), archive, maxLineBytes: maxLineBytes);
            }
            catch
            {
                archive.Dispose();
                throw;
            }
        }

        // Unbuffered: this reader (or GZipStream) buffers already, and a FileStream buffer would be allocated late,
        // on the first read shorter than itself, i.e. on the steady path.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return new LineReader(new CheckedGzipStream(file, path), maxLineBytes: maxLineBytes);
        }

        return new LineReader(file, maxLineBytes: maxLineBytes);
    }

    /// <summary>
    /// Next line (valid until the next call); false at end of input. <paramref name="tooLong"/> marks a line over the
    /// limit, returned empty after being skipped.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        while (true)
        {
            int k = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (k >= 0)
            {
                int lineStart = _start;
                _start += k + 1;
                if (_skipping)
                {
                    _skipping = false;
                    tooLong = true;
                    line = default;
                    LineNumber++;
                    return true;
                }

                line = Trim(_buffer.AsSpan(lineStart, k));
                return true;
            }

            if (_eof)
            {
                if (_start == _end && !_skipping)
                {
                    line = default;
                    return false;
                }

                int lineStart = _start;
                _start = _end;
                tooLong = _skipping;
                _skipping = false;
                line = tooLong ? default : Trim(_buffer.AsSpan(lineStart, _end - lineStart));
                return true;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _owner?.Dispose();
    }

    private ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (LineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        return line;
    }

    private void Fill()
    {
        if (_skipping)
        {
            _start = _end = 0; // the over-long line is being thrown away up to its newline
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxLineBytes)
            {
                _skipping = true;
                _start = _end = 0;
            }
            else
            {
                Grow();
            }
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private void Grow()
    {
        byte[] bigger = new byte[Math.Min(_buffer.Length * 2, _maxLineBytes)];
        Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
        _buffer = bigger;
    }
}
