namespace Engine.Sim.Market;

/// <summary>
/// The live market sockets and who receives which stream. The player thread calls <see cref="Dispatch"/> per
/// frame; subscription changes come from the sockets' receive loops and publish new arrays (copy on write), so the
/// player reads without a lock.
/// </summary>
internal sealed class MarketHub(int streamCount)
{
    private readonly Lock _gate = new();
    private readonly List<MarketConnection> _all = [];
    private readonly MarketConnection[][] _byStream = Enumerable.Repeat(Array.Empty<MarketConnection>(), streamCount).ToArray();
    private readonly long[] _sentPerStream = new long[streamCount];
    private readonly Dictionary<string, long> _closed = new(StringComparer.Ordinal);
    private long _opened;

    /// <summary>Called on every market-data subscription (URL or SUBSCRIBE): the first one starts the tape.</summary>
    public event Action? Subscribed;

    public long Opened => Interlocked.Read(ref _opened);

    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _all.Count;
            }
        }
    }

    public long SentOn(int stream) => Interlocked.Read(ref _sentPerStream[stream]);

    public void CountSent(int stream) => Interlocked.Increment(ref _sentPerStream[stream]);

    public IReadOnlyDictionary<string, long> ClosedByReason()
    {
        lock (_gate)
        {
            return new SortedDictionary<string, long>(_closed, StringComparer.Ordinal);
        }
    }

    public void Add(MarketConnection connection)
    {
        lock (_gate)
        {
            _all.Add(connection);
        }

        Interlocked.Increment(ref _opened);
    }

    public void Remove(MarketConnection connection, string reason)
    {
        lock (_gate)
        {
            if (!_all.Remove(connection))
            {
                return;
            }

            _closed[reason] = _closed.GetValueOrDefault(reason) + 1;
            for (int s = 0; s < _byStream.Length; s++)
            {
                if (Array.IndexOf(_byStream[s], connection) >= 0)
                {
                    Volatile.Write(ref _byStream[s], [.. _byStream[s].Where(c => c != connection)]);
                }
            }
        }
    }

    public void Subscribe(MarketConnection connection, int stream)
    {
        lock (_gate)
        {
            if (_all.Contains(connection) && Array.IndexOf(_byStream[stream], connection) < 0)
            {
                Volatile.Write(ref _byStream[stream], [.. _byStream[stream], connection]);
            }
        }
    }

    public void Unsubscribe(MarketConnection connection, int stream)
    {
        lock (_gate)
        {
            Volatile.Write(ref _byStream[stream], [.. _byStream[stream].Where(c => c != connection)]);
        }
    }

    public void OnSubscribed() => Subscribed?.Invoke();

    /// <summary>Queues <paramref name="frame"/> to every socket on its stream (<paramref name="copies"/> times: 2 for a duplicate fault). Player thread.</summary>
    public int Dispatch(MarketFrame frame, int copies)
    {
        MarketConnection[] targets = Volatile.Read(ref _byStream[frame.Stream]);
        for (int i = 0; i < targets.Length; i++)
        {
            for (int c = 0; c < copies; c++)
            {
                targets[i].Enqueue(frame);
            }
        }

        return targets.Length;
    }

    /// <summary>
    /// Drops every market socket at once (the <c>Market:DisconnectEverySeconds</c> fault); <paramref name="counting"/>
    /// learns how many before the first goes, so a client that sees its drop also sees it counted.
    /// </summary>
    public int DropAll(string reason, Action<int>? counting = null)
    {
        MarketConnection[] all;
        lock (_gate)
        {
            all = [.. _all];
        }

        counting?.Invoke(all.Length);
        foreach (MarketConnection c in all)
        {
            c.Drop(reason);
        }

        return all.Length;
    }
}
