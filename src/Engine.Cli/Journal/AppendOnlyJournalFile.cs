namespace Engine.Cli.Journal;

/// <summary>
/// An append-only line file that survives crashes without partial lines. Each line goes to the OS in ONE write call
/// on an unbuffered stream (nothing waits in a user-space buffer), so a crash can only cut the last line short.
/// On open, a tail that does not end in '\n' is such a cut line: it is DROPPED (the file is truncated after the
/// last '\n') rather than terminated, because a terminated half line would be a corrupt record that readers then
/// parse; the event it held is re-emitted by a replay of its input. <see cref="DroppedTailBytes"/> reports it.
/// With a line batch (<c>batchBytes</c> &gt; 0) whole lines gather in memory and go to the OS in one write at
/// <see cref="Flush"/> (or when the batch is full): one system call per batch instead of per line, for a journal
/// thread that flushes whenever the output ring runs empty. A write still holds only whole lines, so the crash
/// guarantee is the same; lines not yet flushed are lost with the process like the outputs still in the ring.
/// </summary>
public sealed class AppendOnlyJournalFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[]? _batch;
    private int _batched;

    public AppendOnlyJournalFile(string path, bool flushToDisk = false, int batchBytes = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(batchBytes);
        FlushToDisk = flushToDisk;
        _batch = batchBytes > 0 ? new byte[batchBytes] : null;
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

    /// <summary>
    /// Writes one complete line (it must end with '\n') in a single write, flushed to the OS; with a line batch,
    /// adds it to the batch instead (see the class summary).
    /// </summary>
    public void AppendLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || line[^1] != (byte)'\n')
        {
            throw new ArgumentException("a journal line must end with '\\n'", nameof(line));
        }

        if (_batch is not null)
        {
            if (line.Length > _batch.Length - _batched)
            {
                Flush();
            }

            if (line.Length <= _batch.Length)
            {
                line.CopyTo(_batch.AsSpan(_batched));
                _batched += line.Length;
                LinesWritten++;
                return;
            }
        }

        WriteThrough(line);
        LinesWritten++;
    }

    /// <summary>Writes the batched lines in one call (nothing to do without a line batch or when it is empty).</summary>
    public void Flush()
    {
        if (_batched > 0)
        {
            int length = _batched;
            _batched = 0; // a failed write drops the batch rather than repeat its lines on the next flush
            WriteThrough(_batch.AsSpan(0, length));
        }
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private void WriteThrough(ReadOnlySpan<byte> lines)
    {
        long before = _stream.Position;
        try
        {
            _stream.Write(lines);
        }
        catch (IOException)
        {
            // A full disk can take part of a write: cut the file back to its last whole line (that frees the space).
            TruncateTo(before);
            throw;
        }

        if (FlushToDisk)
        {
            _stream.Flush(flushToDisk: true);
        }
    }

    private void TruncateTo(long length)
    {
        try
        {
            _stream.SetLength(length);
            _stream.Position = length;
        }
        catch (IOException)
        {
            // Nothing more can be done here; reopening the file drops a partial last line.
        }
    }

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
