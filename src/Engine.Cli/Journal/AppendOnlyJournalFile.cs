namespace Engine.Cli.Journal;

/// <summary>
/// An append-only line file that survives crashes without partial lines. Each line goes to the OS in ONE write call
/// on an unbuffered stream (nothing waits in a user-space buffer), so a crash can only cut the last line short.
/// On open, a tail that does not end in '\n' is such a cut line: it is DROPPED (the file is truncated after the
/// last '\n') rather than terminated, because a terminated half line would be a corrupt record that readers then
/// parse; the event it held is re-emitted by a replay of its input. <see cref="DroppedTailBytes"/> reports it.
/// </summary>
public sealed class AppendOnlyJournalFile : IDisposable
{
    private readonly FileStream _stream;

    public AppendOnlyJournalFile(string path, bool flushToDisk = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FlushToDisk = flushToDisk;
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        long complete = CompleteLength(_stream);
        DroppedTailBytes = _stream.Length - complete;
        if (DroppedTailBytes > 0)
        {
            _stream.SetLength(complete);
        }

        _stream.Seek(0, SeekOrigin.End);
        WasEmpty = complete == 0;
        Path = path;
    }

    public string Path { get; }

    /// <summary>True when the file had no complete line at open (a writer then starts with its header, if any).</summary>
    public bool WasEmpty { get; }

    /// <summary>Bytes of a partial last line removed at open (0 normally).</summary>
    public long DroppedTailBytes { get; }

    /// <summary>When true, every line is also forced to the disk (fsync), at a large cost per line.</summary>
    public bool FlushToDisk { get; }

    public long LinesWritten { get; private set; }

    /// <summary>Writes one complete line (it must end with '\n') in a single write, flushed to the OS.</summary>
    public void AppendLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[^1] != (byte)'\n')
        {
            throw new ArgumentException("a journal line must end with '\\n'", nameof(line));
        }

        _stream.Write(line);
        if (FlushToDisk)
        {
            _stream.Flush(flushToDisk: true);
        }

        LinesWritten++;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Length up to and including the last '\n' (0 when there is none).</summary>
    private static long CompleteLength(FileStream stream)
    {
        long end = stream.Length;
        Span<byte> chunk = stackalloc byte[4096];
        while (end > 0)
        {
            int size = (int)Math.Min(chunk.Length, end);
            stream.Seek(end - size, SeekOrigin.Begin);
            stream.ReadExactly(chunk[..size]);
            int newline = chunk[..size].LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                return end - size + newline + 1;
            }

            end -= size;
        }

        return 0;
    }
}
