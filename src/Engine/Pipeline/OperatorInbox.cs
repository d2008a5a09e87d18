using Engine.Model;
using Engine.Ring;
using Engine.Timing;

namespace Engine.Pipeline;

/// <summary>
/// Where operator commands wait for the input ring. The input ring has one producer, the feed thread, so that its
/// claims and publications need no compare-and-set and the engine reads its cursor without scanning lap flags; any
/// other thread posts a command here (a small multi-producer ring) and the feed thread moves it into the input ring
/// before its next batch. The feed reads one sequence per batch to find the inbox empty.
/// </summary>
internal sealed class OperatorInbox
{
    private const int Capacity = 64;

    private readonly RingBuffer<EngineEvent> _slots = new(Capacity);

    // The wait strategy is never used: nobody waits on the inbox, the feed polls it.
    private readonly MultiProducerSequencer _sequencer = new(Capacity, new SleepingWaitStrategy());

    // The last command moved into the input ring; written by the feed thread only, gates the posting threads.
    private readonly Sequence _forwarded = new();

    public OperatorInbox()
    {
        _sequencer.AddGatingSequence(_forwarded);
    }

    /// <summary>True when no command waits (a snapshot; the feed thread asks it as the input ends).</summary>
    public bool IsEmpty => _sequencer.Cursor.Value <= _forwarded.Value;

    /// <summary>Posts a command, stamped now (its latency starts here); false when the inbox is full. Any thread.</summary>
    public bool TryPost(in OperatorCommand command)
    {
        if (!_sequencer.TryNext(out long sequence))
        {
            return false;
        }

        ref EngineEvent slot = ref _slots[sequence];
        slot.Kind = EventKind.OperatorCommand;
        slot.Command = command;
        slot.ReceivedTimestamp = EngineClock.Timestamp();
        _sequencer.Publish(sequence);
        return true;
    }

    /// <summary>
    /// Moves every posted command into the input ring, in posting order, waiting for room there if need be. The input
    /// ring's producer thread only (it claims from <paramref name="input"/>'s single-producer sequencer).
    /// </summary>
    public void ForwardTo(RingBuffer<EngineEvent> ring, SingleProducerSequencer input)
    {
        long next = _forwarded.Value + 1;
        if (_sequencer.Cursor.Value < next)
        {
            return; // the steady case: nothing posted
        }

        long available = _sequencer.GetHighestPublishedSequence(next, _sequencer.Cursor.Value);
        if (available < next)
        {
            return; // claimed but not yet written: the next batch takes it
        }

        int count = (int)(available - next + 1);
        long high = input.Next(count);
        long low = high - count + 1;
        for (int i = 0; i < count; i++)
        {
            ring[low + i] = _slots[next + i];
        }

        input.Publish(low, high);
        _forwarded.Value = available; // release: the inbox slots above may be posted into again
    }
}
