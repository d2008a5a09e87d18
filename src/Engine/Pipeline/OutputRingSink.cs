using Engine.Ring;

namespace Engine.Pipeline;

/// <summary>
/// Writes the engine's outputs into the output ring (one producer: the engine thread). The ring is sized so it never
/// fills in a healthy run; when the journal falls behind and it does, the engine counts it and waits for a slot
/// rather than drop a journal line.
/// </summary>
public struct OutputRingSink : IOutputSink
{
    private readonly RingBuffer<OutputEvent> _ring;
    private readonly SingleProducerSequencer _sequencer;
    private long _claimed;

    public OutputRingSink(RingBuffer<OutputEvent> ring, SingleProducerSequencer sequencer)
    {
        _ring = ring;
        _sequencer = sequencer;
        _claimed = -1;
    }

    /// <summary>Times the engine found the output ring full (journal behind).</summary>
    public long FullCount { get; private set; }

    public ref OutputEvent Claim()
    {
        if (!_sequencer.TryNext(out _claimed))
        {
            FullCount++;
            _claimed = _sequencer.Next(); // back-pressure: wait for the journal, never drop
        }

        return ref _ring[_claimed];
    }

    public void Publish() => _sequencer.Publish(_claimed);
}
