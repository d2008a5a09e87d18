using System.Buffers.Text;
using System.IO.Compression;

namespace Engine.Cli.Record;

/// <summary>
/// Writes market frames as <c>&lt;local_ns&gt; &lt;json&gt;</c> lines (the recorded-frame format <c>engine replay</c>
/// reads) into gzip files, one per UTC hour of the frames' receive time (<see cref="HourlyFileName"/>). Thread-safe:
/// every connection's receive thread may call <see cref="Write"/>; one lock orders the lines, so a rotation happens
/// between two frames and every frame lands in exactly one file. A frame stamped before the open file's hour (another
/// connection's, received a moment earlier but written later) goes into the open file and is counted, never dropped.
/// An hour file that exists already (a restart within the hour) is appended to as a new gzip member, never overwritten.
/// <see cref="Dispose"/> finishes the open file, so it is a whole gzip. A file that cannot be created or written
/// (disk full, no permission) ends the recording: <see cref="Failure"/> says why, later frames are refused.
/// </summary>
public sealed class RotatingFrameWriter : IDisposable
{
    private readonly string _path;
    private readonly CompressionLevel _level;
    private readonly Lock _gate = new();
    private readonly List<string> _files = [];
    private FileStream? _file;
    private GZipStream? _gzip;
    private long _hourStart = long.MinValue;
    private byte[] _line = new byte[64 * 1024];
    private bool _closed;

    public RotatingFrameWriter(string path, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        _level = level;
    }

    /// <summary>Frames written.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames stamped before the hour of the file open when they were written (kept in that file).</summary>
    public long LateFrames { get; private set; }

    /// <summary>Empty frames skipped, and frames offered after <see cref="Dispose"/>.</summary>
    public long Refused { get; private set; }

    /// <summary>Why writing stopped (a file could not be created or written); null while it works.</summary>
    public string? Failure { get; private set; }

    /// <summary>Bytes of lines written, before compression.</summary>
    public long LineBytes { get; private set; }

    /// <summary>The hour files written so far, in order.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _files];
            }
        }
    }

    /// <summary>Writes one frame received at <paramref name="localUnixNanos"/>; the bytes are copied before it returns.</summary>
    public void Write(ReadOnlySpan<byte> frame, long localUnixNanos)
    {
        lock (_gate)
        {
            if (_closed || frame.IsEmpty)
            {
                Refused++;
                return;
            }

            try
            {
                if (_gzip is null || localUnixNanos >= _hourStart + HourlyFileName.NanosPerHour)
                {
                    Open(localUnixNanos);
                }
                else if (localUnixNanos < _hourStart)
                {
                    LateFrames++;
                }

                int length = Format(frame, localUnixNanos);
                _gzip!.Write(_line, 0, length);
                Frames++;
                LineBytes += length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
            }
        }
    }

    /// <summary>
    /// Closes the open file when <paramref name="nowUnixNanos"/> (the local clock) is past its hour, so a quiet hour's
    /// file is complete without waiting for the next frame; otherwise pushes what is buffered to the file, so a killed
    /// process loses at most what came since.
    /// </summary>
    public void Flush(long nowUnixNanos)
    {
        lock (_gate)
        {
            if (_gzip is null)
            {
                return;
            }

            try
            {
                if (nowUnixNanos >= _hourStart + HourlyFileName.NanosPerHour)
                {
                    CloseFile();
                    return;
                }

                _gzip.Flush();
                _file!.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            try
            {
                CloseFile();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Failure ??= e.Message;
            }
        }
    }

    // Under the lock: the recording ends here; what was written before stays (the open file is closed as far as it can be).
    private void Fail(Exception e)
    {
        Failure ??= e.Message;
        _closed = true;
        try
        {
            CloseFile();
        }
        catch (Exception again) when (again is IOException or UnauthorizedAccessException)
        {
            _gzip = null; // the file is past saving; its handle goes with the stream
            _file?.Dispose();
            _file = null;
        }
    }

    private void Open(long unixNanos)
    {
        CloseFile();
        _hourStart = HourlyFileName.HourStart(unixNanos);
        string path = HourlyFileName.For(_path, unixNanos);
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        _gzip = new GZipStream(_file, _level, leaveOpen: false);
        _files.Add(path);
    }

    private void CloseFile()
    {
        _gzip?.Dispose(); // writes the gzip trailer and closes the file
        _gzip = null;
        _file = null;
    }

    // "<ns> <json>\n", with any CR or LF inside the frame (JSON whitespace only: strings cannot hold them raw) made a
    // space, so one frame stays one line.
    private int Format(ReadOnlySpan<byte> frame, long ns)
    {
        int needed = 21 + frame.Length;
        if (needed > _line.Length)
        {
            _line = new byte[Math.Max(needed, _line.Length * 2)];
        }

        Utf8Formatter.TryFormat(ns, _line, out int n);
        _line[n++] = (byte)' ';
        frame.CopyTo(_line.AsSpan(n));
        Span<byte> copied = _line.AsSpan(n, frame.Length);
        copied.Replace((byte)'\r', (byte)' ');
        copied.Replace((byte)'\n', (byte)' ');
        n += frame.Length;
        _line[n++] = (byte)'\n';
        return n;
    }
}
