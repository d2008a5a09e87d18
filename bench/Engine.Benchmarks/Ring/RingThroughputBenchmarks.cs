using BenchmarkDotNet.Attributes;
using Engine.Ring;

namespace Engine.Benchmarks.Ring;

// Question: what does moving one 16-byte event from producer thread(s) to a consumer thread cost through our ring,
// per wait strategy, batched or not, with one or two producers, against a bounded System.Threading.Channels channel?
[MemoryDiagnoser]
public class RingThroughputBenchmarks
{
    private const int Events = 1 << 20;
    private const int Batch = 64;

    private ChannelPipe _channel = null!;
    private RingPipe _busySpin = null!;
    private RingPipe _yielding = null!;
    private RingPipe _sleeping = null!;
    private RingPipe _blocking = null!;
    private RingPipe _twoProducers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _channel = new ChannelPipe();
        _busySpin = new RingPipe(new BusySpinWaitStrategy(), multiProducer: false);
        _yielding = new RingPipe(new YieldingWaitStrategy(), multiProducer: false);
        _sleeping = new RingPipe(new SleepingWaitStrategy(), multiProducer: false);
        _blocking = new RingPipe(new BlockingWaitStrategy(), multiProducer: false);
        _twoProducers = new RingPipe(new YieldingWaitStrategy(), multiProducer: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long Channels_1P1C() => _channel.Move(Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_1P1C_Single_BusySpin() => MoveSingleProducer(_busySpin, batch: 1);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_1P1C_Batch_BusySpin() => MoveSingleProducer(_busySpin, Batch);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_1P1C_Batch_Yielding() => MoveSingleProducer(_yielding, Batch);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_1P1C_Batch_Sleeping() => MoveSingleProducer(_sleeping, Batch);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_1P1C_Batch_Blocking() => MoveSingleProducer(_blocking, Batch);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring_2P1C_Single_Yielding()
    {
        _twoProducers.StartConsumer();
        var sequencer = (MultiProducerSequencer)_twoProducers.Sequencer;
        var second = new Thread(() => RingPipe.PublishBatches(sequencer, _twoProducers.Ring, Events / 2, 1));
        second.Start();
        RingPipe.PublishBatches(sequencer, _twoProducers.Ring, Events / 2, 1);
        second.Join();
        return _twoProducers.DrainAndStop();
    }

    private static long MoveSingleProducer(RingPipe pipe, int batch)
    {
        pipe.StartConsumer();
        RingPipe.PublishBatches((SingleProducerSequencer)pipe.Sequencer, pipe.Ring, Events, batch);
        return pipe.DrainAndStop();
    }
}
