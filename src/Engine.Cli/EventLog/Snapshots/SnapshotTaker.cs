using System.Globalization;
using Engine.EventLog;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.EventLog.Snapshots;

/// <summary>
/// Takes snapshots of a running engine without touching it: a replica engine, built and warm-started as the engine
/// was, follows the event journal up to its durable position on a thread of its own and is serialized there. The
/// engine is deterministic (event time only, its whole input in the journal), so the replica's state at position P
/// is the engine's state after the journal's first P records: a consistent copy by construction, and a snapshot never
/// covers a record that is not on disk. The engine thread and the journal thread do no snapshot work at all.
/// </summary>
public sealed class SnapshotTaker : IDisposable
{
    private readonly TradingEngine<DiscardingOutputSink> _replica;
    private readonly byte[] _fingerprint;
    private readonly string _directory;
    private readonly string _journal;
    private readonly SymbolRegistry _registry;
    private readonly int _keep;
    private EventJournalFeed? _feed;
    private long _position;

    /// <param name="replica">A fresh engine with the run's configuration and warm start, or one restored to the journal's end.</param>
    /// <param name="position">Journal records <paramref name="replica"/> already covers.</param>
    /// <param name="keep">Snapshots kept in the directory (older ones are deleted after a new one is written).</param>
    public SnapshotTaker(TradingEngine<DiscardingOutputSink> replica, byte[] fingerprint, string directory, SymbolRegistry registry, long position = 0, int keep = 3)
    {
        ArgumentNullException.ThrowIfNull(replica);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        _replica = replica;
        _fingerprint = fingerprint;
        _directory = directory;
        _journal = Path.Combine(directory, EventJournal.FileName);
        _registry = registry;
        _position = position;
        _keep = keep;
    }

    /// <summary>Journal records the replica covers.</summary>
    public long Position => _position;

    /// <summary>Snapshots written.</summary>
    public long Taken { get; private set; }

    /// <summary>The last snapshot's failure to be written, or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Plays the journal's records up to <paramref name="durablePosition"/> into the replica.</summary>
    public void CatchUp(long durablePosition)
    {
        _feed ??= EventJournalFeed.Open(_journal, _registry, skipTo: _position);
        _feed.EndPosition = durablePosition;
        EngineEvent slot = default;
        while (_feed.TryReadNext(ref slot))
        {
            _replica.OnEvent(ref slot);
        }

        _position = _feed.NextPosition;
    }

    /// <summary>Catches up to <paramref name="durablePosition"/> and writes a snapshot there; returns its path, or null when nothing changed or it failed.</summary>
    public string? TakeSnapshot(long durablePosition)
    {
        long before = _position;
        CatchUp(durablePosition);
        if (_position == before && Taken > 0)
        {
            return null;
        }

        string path = Path.Combine(_directory, EngineSnapshot.FileNameOf(_position));
        try
        {
            new EngineSnapshot(_position, _fingerprint, EngineSnapshot.StateOf(_replica)).WriteTo(path);
            Taken++;
            Prune();
            LastError = null;
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LastError = string.Create(CultureInfo.InvariantCulture, $"snapshot at {_position} not written: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Takes a snapshot every <paramref name="interval"/> of what <paramref name="durablePosition"/> says is on disk,
    /// until <paramref name="stop"/>; call on a thread of its own.
    /// </summary>
    public void Run(Func<long> durablePosition, TimeSpan interval, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(durablePosition);
        while (!stop.WaitHandle.WaitOne(interval))
        {
            TakeSnapshot(durablePosition());
        }
    }

    public void Dispose() => _feed?.Dispose();

    private void Prune()
    {
        foreach (string old in EngineRestore.SnapshotFiles(_directory).Skip(_keep))
        {
            File.Delete(old);
        }
    }
}
