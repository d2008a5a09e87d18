using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>A test double of the live input ring: an array that grows, thread-safe, every claimed slot must be published.</summary>
internal sealed class ArrayInputPublisher : IInputPublisher
{
    private readonly object _gate = new();
    private EngineEvent[] _slots = new EngineEvent[1024];
    private long _claimed = -1;
    private long _published;

    public long Claim()
    {
        lock (_gate)
        {
            long seq = ++_claimed;
            if (seq >= _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
            }

            _slots[seq] = default;
            return seq;
        }
    }

    public ref EngineEvent this[long sequence] => ref _slots[sequence];

    public void Publish(long sequence)
    {
        lock (_gate)
        {
            _published++;
        }
    }

    public bool AllPublished
    {
        get
        {
            lock (_gate)
            {
                return _published == _claimed + 1;
            }
        }
    }

    /// <summary>The pauses (<see cref="EventKind.VenueThrottled"/>, ms) published so far, in order.</summary>
    public List<long> Throttles
    {
        get
        {
            lock (_gate)
            {
                var list = new List<long>();
                for (long i = 0; i <= _claimed; i++)
                {
                    if (_slots[i].Kind == EventKind.VenueThrottled)
                    {
                        list.Add(_slots[i].ThrottleMs);
                    }
                }

                return list;
            }
        }
    }

    /// <summary>The venue reports published so far, in order.</summary>
    public List<VenueReport> Reports
    {
        get
        {
            lock (_gate)
            {
                var list = new List<VenueReport>();
                for (long i = 0; i <= _claimed; i++)
                {
                    if (_slots[i].Kind == EventKind.VenueReport)
                    {
                        list.Add(_slots[i].Report);
                    }
                }

                return list;
            }
        }
    }

    /// <summary>Every event claimed so far, in ring order (copies).</summary>
    public List<EngineEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _slots.AsSpan(0, (int)(_claimed + 1)).ToArray()];
            }
        }
    }
}
