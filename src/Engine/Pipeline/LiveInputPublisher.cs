using Engine.Model;
using Engine.Ring;

namespace Engine.Pipeline;

/// <summary>The live input ring's publisher: claims through the multi-producer sequencer, refuses once the input closed.</summary>
internal sealed class LiveInputPublisher(RingBuffer<EngineEvent> ring, MultiProducerSequencer sequencer) : IInputPublisher
{
    private volatile bool _closed;

    public ref EngineEvent this[long sequence] => ref ring[sequence];

    public bool IsClosed => _closed;

    public long Claim()
    {
        var spinner = default(SpinWait);
        while (true)
        {
            if (_closed)
            {
                throw new InputClosedException();
            }

            if (sequencer.TryNext(out long sequence))
            {
                return sequence;
            }

            spinner.SpinOnce(sleep1Threshold: -1); // full: the engine is a whole ring behind
        }
    }

    public void Publish(long sequence) => sequencer.Publish(sequence);

    /// <summary>Refuses further claims. Claims already made still publish.</summary>
    public void Close() => _closed = true;
}
