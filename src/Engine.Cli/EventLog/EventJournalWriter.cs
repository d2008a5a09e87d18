using System.Diagnostics;
using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;
using Microsoft.Win32.SafeHandles;

namespace Engine.Cli.EventLog;

/// <summary>
/// Appends every input event to the event journal (<see cref="EventJournalLayout"/>): the pipeline's input consumer,
/// on a thread of its own, sees the input ring in order beside the engine. Records gather in one preallocated buffer
/// that goes to the operating system at the end of each batch (or when full); a committer thread fsyncs in groups by
/// <see cref="EventJournalOptions"/> and then advances <see cref="DurableSequence"/>. <see cref="EventKind.None"/>
/// slots (claimed, never filled) and the end-of-input marker are no events and are not written. A write that fails
/// (disk full) stops the journal: <see cref="Failure"/> says why, <see cref="OnFailure"/> is called once (the host
/// halts trading), and later events are counted in <see cref="NotWritten"/>. No allocation per event.
/// </summary>
public sealed partial class EventJournalWriter : IEventHandler<EngineEvent>, IDurableInput, IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly EventJournalOptions _options;
    private readonly byte[] _buffer;
    private readonly Sequence _writtenSequence = new();
    private readonly Sequence _writtenPosition;
    private readonly Sequence _durableSequence = new();
    private readonly Sequence _durablePosition;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Thread _committer;
    private int _used;
    private long _fileOffset;
    private long _nextPosition;
    private long _lastSequence = -1;
    private int _waiters;
    private volatile bool _stopping;
    private string? _failure; // set once, by Interlocked
    private long _commits;
    private long _notWritten;
    private bool _disposed;

    private EventJournalWriter(SafeFileHandle file, long fileOffset, long nextPosition, EventJournalOptions options)
    {
        _file = file;
        _options = options;
        _buffer = new byte[options.BufferBytes];
        _fileOffset = fileOffset;
        _nextPosition = nextPosition;
        _writtenPosition = new Sequence(nextPosition);
        _durablePosition = new Sequence(nextPosition);
        _committer = new Thread(CommitLoop) { Name = "engine-journal-commit", IsBackground = true };
        _committer.Start();
    }

    /// <summary>Called once, on the journal or the committer thread, when a write or an fsync failed (the host halts trading).</summary>
    public Action<string>? OnFailure { get; set; }

    public long DurableSequence => _durableSequence.Value;

    /// <summary>Highest input-ring sequence handed to the operating system.</summary>
    public long WrittenSequence => _writtenSequence.Value;

    /// <summary>Journal position the next record gets (records in the journal from position 0, once written).</summary>
    public long NextPosition => Volatile.Read(ref _nextPosition);

    /// <summary>Records on disk, from position 0 (a snapshot may name any position up to it).</summary>
    public long DurablePosition => _durablePosition.Value;

    public long WrittenPosition => _writtenPosition.Value;

    /// <summary>fsyncs done.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Why the journal stopped writing, or null.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>Events not written because the journal had failed.</summary>
    public long NotWritten => Interlocked.Read(ref _notWritten);

    /// <summary>Creates a new journal at <paramref name="path"/> (refused when the file exists) for <paramref name="symbols"/>.</summary>
    public static EventJournalWriter Create(string path, IReadOnlyList<string> symbols, EventJournalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfInvalid(options);
        byte[] header = EventJournalLayout.BuildHeader(symbols, 0);
        SafeFileHandle file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            RandomAccess.Write(file, header, 0);
            if (options.Fsync)
            {
                RandomAccess.FlushToDisk(file);
            }

            return new EventJournalWriter(file, header.Length, 0, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing journal to continue it: the tail is checked first and a torn or corrupt tail truncated
    /// (<paramref name="recovery"/> says what was found). The journal's symbols must be <paramref name="symbols"/>.
    /// </summary>
    public static EventJournalWriter Append(string path, IReadOnlyList<string> symbols, EventJournalOptions options, out EventJournalRecovery recovery)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(symbols);
        ThrowIfInvalid(options);
        recovery = EventJournal.Recover(path);
        if (!recovery.Symbols.SequenceEqual(symbols, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{path}: the journal holds symbols {string.Join(",", recovery.Symbols)}, the run trades {string.Join(",", symbols)}: resume with the same symbols");
        }

        SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            return new EventJournalWriter(file, recovery.ValidLength, recovery.NextPosition, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void OnStart()
    {
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref EngineEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Kind is not (EventKind.None or EventKind.EndOfStream))
        {
            if (Failure is not null)
            {
                Interlocked.Increment(ref _notWritten);
            }
            else
            {
                if (_buffer.Length - _used < EventJournalLayout.MaxRecordSize)
                {
                    WriteOut();
                }

                _used += EventJournalLayout.WriteRecord(_buffer.AsSpan(_used), _nextPosition, ref evt);
                Volatile.Write(ref _nextPosition, _nextPosition + 1);
            }
        }

        _lastSequence = sequence;
        if (endOfBatch)
        {
            WriteOut();
        }
    }

    public void OnShutdown() => WriteOut();

    public bool WaitForDurable(long sequence, TimeSpan timeout)
    {
        if (_durableSequence.Value >= sequence)
        {
            return true;
        }

        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        Interlocked.Increment(ref _waiters);
        try
        {
            _wake.Set();
            var spinner = default(SpinWait);
            while (_durableSequence.Value < sequence)
            {
                if (Failure is not null || Stopwatch.GetTimestamp() > deadline)
                {
                    return false;
                }

                spinner.SpinOnce(sleep1Threshold: 30);
            }

            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _waiters);
        }
    }

    /// <summary>Stops the committer after a last commit of everything written, and closes the file. Call after the journal thread ended.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping = true;
        _wake.Set();
        _committer.Join();
        _file.Dispose();
        _wake.Dispose();
    }

    private static void ThrowIfInvalid(EventJournalOptions options)
    {
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }
    }
}
