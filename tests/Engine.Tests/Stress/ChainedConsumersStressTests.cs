using Engine.Ring;
using Engine.Tests.Ring;

namespace Engine.Tests.Stress;

/// <summary>
/// The output-ring shape: one upstream consumer writes into each slot, then a gateway and a journal read it, the
/// journal also after the gateway. Downstream consumers see every event in order, only after upstream finished it.
/// </summary>
public class ChainedConsumersStressTests
{
    private const int Events = 1_000_000;
    private const int Capacity = 1024;

    [Fact]
    public void DownstreamConsumers_SeeEveryEventInOrder_AndNeverPassUpstream()
    {
        var sequencer = new SingleProducerSequencer(Capacity, new YieldingWaitStrategy());
        var ring = new RingBuffer<TestEvent>(Capacity);

        var engine = new BatchEventProcessor<TestEvent, StampingHandler>(ring, sequencer.NewBarrier(), default);
        var gateway = new BatchEventProcessor<TestEvent, ChainCheckingHandler>(
            ring, sequencer.NewBarrier(engine.Sequence), new ChainCheckingHandler(engine.Sequence));
        var journal = new BatchEventProcessor<TestEvent, ChainCheckingHandler>(
            ring, sequencer.NewBarrier([engine.Sequence, gateway.Sequence]), new ChainCheckingHandler(gateway.Sequence));
        sequencer.AddGatingSequences([gateway.Sequence, journal.Sequence]);

        var threads = new[]
        {
            new Thread(() => engine.Run()) { IsBackground = true },
            new Thread(() => gateway.Run()) { IsBackground = true },
            new Thread(() => journal.Run()) { IsBackground = true },
        };
        foreach (Thread t in threads)
        {
            t.Start();
        }

        for (long i = 0; i < Events; i++)
        {
            long seq = sequencer.Next();
            ring[seq].Sequence = seq;
            ring[seq].Stage1 = -1; // upstream overwrites it; a downstream reading -1 passed upstream
            sequencer.Publish(seq);
        }

        engine.HaltWhenDrained();
        gateway.HaltWhenDrained();
        journal.HaltWhenDrained();
        foreach (Thread t in threads)
        {
            Assert.True(t.Join(TimeSpan.FromSeconds(120)));
        }

        Assert.Equal(Events, engine.Handler.Count);
        foreach (ChainCheckingHandler h in new[] { gateway.Handler, journal.Handler })
        {
            Assert.True(h.Errors == 0, $"{h.Errors} events seen out of order or before upstream, first at {h.FirstErrorSequence}");
            Assert.Equal(Events, h.Count);
        }
    }

    private struct StampingHandler : IEventHandler<TestEvent>
    {
        public long Count;

        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            evt.Stage1 = (sequence * 3) + 1;
            Count++;
        }

        public void OnShutdown()
        {
        }
    }

    private struct ChainCheckingHandler : IEventHandler<TestEvent>
    {
        public long Count;
        public long Errors;
        public long FirstErrorSequence;
        private readonly Sequence _upstream;
        private long _last;

        public ChainCheckingHandler(Sequence upstream)
        {
            _upstream = upstream;
            _last = -1;
            FirstErrorSequence = -1;
        }

        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            bool ok = sequence == _last + 1
                && evt.Sequence == sequence
                && evt.Stage1 == (sequence * 3) + 1
                && _upstream.Value >= sequence;
            if (!ok)
            {
                Errors++;
                if (FirstErrorSequence < 0)
                {
                    FirstErrorSequence = sequence;
                }
            }

            _last = sequence;
            Count++;
        }

        public void OnShutdown()
        {
        }
    }
}
