using System.Globalization;

namespace Engine.Cli.EventLog;

/// <summary>Writing to the operating system (journal thread) and group commit (committer thread).</summary>
public sealed partial class EventJournalWriter
{
    /// <summary>Hands the buffered records to the operating system, then publishes how far that is.</summary>
    private void WriteOut()
    {
        if (Failure is not null)
        {
            return;
        }

        if (_used > 0)
        {
            try
            {
                RandomAccess.Write(_file, _buffer.AsSpan(0, _used), _fileOffset);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"event journal write at byte {_fileOffset} failed: {e.Message}"), _nextPosition - _writtenPosition.Value);
                return;
            }

            _fileOffset += _used;
            _used = 0;
        }

        long position = _nextPosition;
        bool moved = position != _writtenPosition.Value || _lastSequence != _writtenSequence.Value;
        _writtenPosition.Value = position; // before the sequence: a reader of the sequence finds the position at least as far
        _writtenSequence.Value = _lastSequence;
        if (!_options.Fsync)
        {
            _durablePosition.Value = position;
            _durableSequence.Value = _lastSequence;
        }
        else if (moved && (Volatile.Read(ref _waiters) > 0
            || (_options.CommitEveryEvents > 0 && position - _durablePosition.Value >= _options.CommitEveryEvents)))
        {
            _wake.Set();
        }
    }

    private void Fail(string message, long lost)
    {
        Interlocked.Add(ref _notWritten, lost);
        if (Interlocked.CompareExchange(ref _failure, message, null) is not null)
        {
            return;
        }

        _wake.Set(); // waiters give up
        OnFailure?.Invoke(message);
    }

    private void CommitLoop()
    {
        int interval = _options.CommitIntervalMs > 0 ? _options.CommitIntervalMs : Timeout.Infinite;
        while (true)
        {
            _wake.Wait(interval);
            _wake.Reset(); // before the commit: a signal during it brings one more round
            bool stopping = _stopping;
            Commit();
            if (stopping)
            {
                return;
            }
        }
    }

    private void Commit()
    {
        if (!_options.Fsync || Failure is not null)
        {
            return;
        }

        long sequence = _writtenSequence.Value;
        long position = _writtenPosition.Value; // read after the sequence: covers at least its records, all written already
        if (sequence == _durableSequence.Value && position == _durablePosition.Value)
        {
            return;
        }

        if (position != _durablePosition.Value)
        {
            try
            {
                RandomAccess.FlushToDisk(_file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail($"event journal fsync failed: {e.Message}", 0);
                return;
            }

            Interlocked.Increment(ref _commits);
        }

        _durablePosition.Value = position;
        _durableSequence.Value = sequence;
    }
}
