using System.Diagnostics;
using System.Runtime;
using Engine.Interop;
using Engine.Model;
using Engine.Ring;
using Engine.Timing;

namespace Engine.Pipeline;

/// <summary>
/// The engine of docs/architecture.md: a feed thread publishes input into a single-producer input ring, the pinned
/// engine thread runs <see cref="TradingEngine{TOut}"/> on each slot and writes to a single-producer output ring, and a
/// journal thread consumes the outputs with <typeparamref name="TJournal"/>. Operators may publish commands from any
/// thread while it runs: they wait in an <see cref="OperatorInbox"/> until the feed thread moves them into the input
/// ring before its next batch. <see cref="Run"/> returns once both rings are drained.
/// </summary>
public sealed class EnginePipeline<TJournal> where TJournal : struct, IEventHandler<OutputEvent>
{
    private readonly PipelineRuntime _runtime;
    private readonly RingBuffer<EngineEvent> _input;
    private readonly Sequencer _inputSequencer;
    private readonly SingleProducerSequencer? _feedSequencer;
    private readonly LiveInputPublisher? _live;
    private readonly OperatorInbox _commands = new();
    private readonly RingBuffer<OutputEvent> _output;
    private readonly SingleProducerSequencer _outputSequencer;
    private readonly BatchEventProcessor<EngineEvent, EngineEventHandler> _engineProcessor;
    private readonly BatchEventProcessor<OutputEvent, TJournal> _journalProcessor;
    private readonly BatchEventProcessor<OutputEvent, AttachedHandler<OutputEvent>>? _outputConsumer;
    private readonly BatchEventProcessor<EngineEvent, AttachedHandler<EngineEvent>>? _inputConsumer;
    private readonly PipelineAttachments _attachments;
    private readonly EngineThreadSetup _setup;
    private readonly List<string> _faults = [];
    private long _engineFaults;
    private long _journalFaults;
    private long _endOfStreamSequence = -1;

    /// <param name="options">What the engine trades and how.</param>
    /// <param name="runtime">Threads, rings and mode: <see cref="PipelineRuntime.LiveInput"/> opens the input ring to any thread.</param>
    /// <param name="journal">The output ring's journal consumer.</param>
    /// <param name="attachments">Optional consumers with threads of their own (the gateway, the event journal).</param>
    public EnginePipeline(PipelineOptions options, PipelineRuntime runtime, TJournal journal, PipelineAttachments? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _attachments = attachments ?? new PipelineAttachments();
        _input = new RingBuffer<EngineEvent>(runtime.InputRingSize);
        IWaitStrategy engineWait = WaitStrategies.Create(runtime.EngineWait);
        if (runtime.LiveInput)
        {
            var multi = new MultiProducerSequencer(runtime.InputRingSize, engineWait);
            _live = new LiveInputPublisher(_input, multi);
            _inputSequencer = multi;
        }
        else
        {
            _feedSequencer = new SingleProducerSequencer(runtime.InputRingSize, engineWait);
            _inputSequencer = _feedSequencer;
        }

        _output = new RingBuffer<OutputEvent>(runtime.OutputRingSize);

        // The journal sleeps when idle; a blocking strategy would make the engine thread signal a lock on every publish.
        _outputSequencer = new SingleProducerSequencer(runtime.OutputRingSize, new SleepingWaitStrategy());
        Engine = new TradingEngine<OutputRingSink>(options, new OutputRingSink(_output, _outputSequencer), runtime.PaperVenue);
        _setup = new EngineThreadSetup(runtime.EngineCpu, runtime.RealtimePriority);
        _engineProcessor = new BatchEventProcessor<EngineEvent, EngineEventHandler>(
            _input, _inputSequencer.NewBarrier(), new EngineEventHandler(Engine, _setup, runtime.WarmupEvents),
            HandlerFaultPolicy.SkipEvent, f => RecordFault("engine", f, ref _engineFaults));
        _inputSequencer.AddGatingSequence(_engineProcessor.Sequence);
        _journalProcessor = new BatchEventProcessor<OutputEvent, TJournal>(
            _output, _outputSequencer.NewBarrier(), journal,
            HandlerFaultPolicy.SkipEvent, f => RecordFault("journal", f, ref _journalFaults));
        _outputSequencer.AddGatingSequence(_journalProcessor.Sequence);
        if (_attachments.OutputConsumer is { } outputConsumer)
        {
            IWaitStrategy consumerWait = WaitStrategies.Create(runtime.OutputConsumerWait == WaitStrategyKind.Blocking ? WaitStrategyKind.Sleeping : runtime.OutputConsumerWait);
            _outputConsumer = new BatchEventProcessor<OutputEvent, AttachedHandler<OutputEvent>>(
                _output, _outputSequencer.NewBarrier(consumerWait), new AttachedHandler<OutputEvent>(outputConsumer),
                HandlerFaultPolicy.SkipEvent, f => RecordFault("output consumer", f, ref _journalFaults));
            _outputSequencer.AddGatingSequence(_outputConsumer.Sequence);
        }

        if (_attachments.InputConsumer is { } inputConsumer)
        {
            _inputConsumer = new BatchEventProcessor<EngineEvent, AttachedHandler<EngineEvent>>(
                _input, _inputSequencer.NewBarrier(), new AttachedHandler<EngineEvent>(inputConsumer),
                HandlerFaultPolicy.SkipEvent, f => RecordFault("input consumer", f, ref _journalFaults));
            _inputSequencer.AddGatingSequence(_inputConsumer.Sequence);
        }
    }

    /// <summary>
    /// Where live producers publish (<see cref="PipelineRuntime.LiveInput"/> only): market data, venue reports, timer
    /// ticks. Closed once <see cref="RunLive"/> has been told to stop.
    /// </summary>
    public IInputPublisher Input => _live ?? throw new InvalidOperationException("the input ring takes publishers only in live mode (PipelineRuntime.LiveInput)");

    public TradingEngine<OutputRingSink> Engine { get; }

    /// <summary>Input events the engine thread has finished (its sequence in the input ring; a snapshot, any thread).</summary>
    public long EventsDone => _engineProcessor.Sequence.Value + 1;

    /// <summary>The input ring's cursor: the highest sequence a producer has claimed (published, or about to be).</summary>
    public long InputCursor => _inputSequencer.Cursor.Value;

    /// <summary>Events waiting in the input ring (a snapshot; any thread).</summary>
    public long InputDepth => _inputSequencer.Cursor.Value - _engineProcessor.Sequence.Value;

    /// <summary>Outputs waiting for the journal (a snapshot; any thread).</summary>
    public long OutputDepth => _outputSequencer.Cursor.Value - _journalProcessor.Sequence.Value;

    /// <summary>The journal handler's state; read it after <see cref="Run"/> returned.</summary>
    public ref TJournal Journal => ref _journalProcessor.Handler;

    /// <summary>
    /// Publishes an operator command (halt, resume, flatten) from any thread; false when 64 commands are already waiting.
    /// It reaches the engine in order with the input, at the feed's next batch: at once in an as-fast-as-possible run,
    /// by the next event's due time in a paced one, and before the end of the input when the feed stops.
    /// </summary>
    public bool TryPublish(in OperatorCommand command)
    {
        if (_live is null)
        {
            return _commands.TryPost(in command);
        }

        // Live: straight into the ring, as every other producer does.
        if (_live.IsClosed || !_inputSequencer.TryNext(out long sequence))
        {
            return false;
        }

        ref EngineEvent slot = ref _input[sequence];
        slot.Kind = EventKind.OperatorCommand;
        slot.Command = command;
        slot.ReceivedTimestamp = EngineClock.Timestamp();
        _inputSequencer.Publish(sequence);
        return true;
    }

    /// <summary>
    /// Runs the feed to its end (or until <paramref name="stop"/>), then drains the engine and the journal.
    /// The feed runs on a thread of its own; this call blocks until everything is written.
    /// </summary>
    public RunStatistics Run(IInputFeed feed, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(feed);
        if (_feedSequencer is null)
        {
            throw new InvalidOperationException("a live pipeline (PipelineRuntime.LiveInput) runs with RunLive: its producers publish through Input");
        }

        bool interrupted = false;
        return RunThreads(() =>
        {
            var feedThread = new Thread(() =>
            {
                PinOrWarn(_runtime.FeedCpu, "feed");
                interrupted = Feed(feed, _feedSequencer, stop);
            }) { Name = "engine-feed", IsBackground = true };
            feedThread.Start();
            feedThread.Join();
            return interrupted;
        });
    }

    /// <summary>
    /// Runs a live pipeline (<see cref="PipelineRuntime.LiveInput"/>) until <paramref name="stop"/>: the engine, the
    /// journal and the attachments consume whatever producers publish through <see cref="Input"/> meanwhile. On stop the
    /// input closes (later claims throw <see cref="InputClosedException"/>), the end of input goes in after every
    /// claim already made, and the call returns once the engine, the journal and the attachments are past it.
    /// Stop the producers on the same token.
    /// </summary>
    public RunStatistics RunLive(CancellationToken stop)
    {
        if (_live is null)
        {
            throw new InvalidOperationException("RunLive needs PipelineRuntime.LiveInput: a replay runs with Run(feed)");
        }

        return RunThreads(() =>
        {
            stop.WaitHandle.WaitOne();
            _live.Close();
            long end = _inputSequencer.Next();
            _input[end].Kind = EventKind.EndOfStream;
            _input[end].ReceivedTimestamp = EngineClock.Timestamp();
            _endOfStreamSequence = end;
            _inputSequencer.Publish(end);
            return true;
        });
    }

    /// <summary>Starts the consumers, runs <paramref name="produce"/> (which ends with EndOfStream published), drains them all.</summary>
    private RunStatistics RunThreads(Func<bool> produce)
    {
        GCLatencyMode previousMode = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var journalThread = new Thread(() =>
        {
            PinOrWarn(_runtime.JournalCpu, "journal");
            _journalProcessor.Run();
        }) { Name = "engine-journal", IsBackground = true };
        var engineThread = new Thread(() => _engineProcessor.Run()) { Name = "engine", IsBackground = true };
        Thread? outputThread = _outputConsumer is null ? null : new Thread(() =>
        {
            PinOrWarn(_attachments.OutputConsumerCpu, "output consumer");
            _outputConsumer.Run();
        }) { Name = "engine-output", IsBackground = true };
        Thread? inputThread = _inputConsumer is null ? null : new Thread(() =>
        {
            PinOrWarn(_attachments.InputConsumerCpu, "input consumer");
            _inputConsumer.Run();
        }) { Name = "engine-input", IsBackground = true };

        var clock = Stopwatch.StartNew();
        journalThread.Start();
        outputThread?.Start();
        inputThread?.Start();
        engineThread.Start();
        bool interrupted = produce();

        // EndOfStream was published last: once the engine is past it, every input is done (even if it faulted on it).
        long endOfStream = _endOfStreamSequence;
        WaitUntil(() => _engineProcessor.Sequence.Value >= endOfStream);
        _engineProcessor.Halt();
        engineThread.Join();
        if (_inputConsumer is not null)
        {
            WaitUntil(() => _inputConsumer.Sequence.Value >= endOfStream);
            _inputConsumer.Halt();
            inputThread!.Join();
        }

        long lastOutput = _outputSequencer.Cursor.Value;
        WaitUntil(() => _journalProcessor.Sequence.Value >= lastOutput);
        _journalProcessor.Halt();
        journalThread.Join();
        if (_outputConsumer is not null)
        {
            WaitUntil(() => _outputConsumer.Sequence.Value >= lastOutput);
            _outputConsumer.Halt();
            outputThread!.Join();
        }

        clock.Stop();
        GCSettings.LatencyMode = previousMode;

        var warnings = new List<string>(_setup.Warnings);
        lock (_faults)
        {
            warnings.AddRange(_faults);
        }

        EngineCounters c = Engine.Counters;
        // Input events only: the end-of-input marker appended last is no event of the input.
        long events = c.Events - c.IgnoredEvents - (endOfStream >= 0 ? 1 : 0);
        bool warmed = _setup.WarmTimestamp != 0 && _setup.EndOfStreamTimestamp > _setup.WarmTimestamp;
        return new RunStatistics
        {
            Events = events,
            Elapsed = clock.Elapsed,
            MeasuredEvents = warmed ? events - _runtime.WarmupEvents : 0,
            MeasuredElapsed = warmed ? Stopwatch.GetElapsedTime(_setup.WarmTimestamp, _setup.EndOfStreamTimestamp) : TimeSpan.Zero,
            InputRingFullCount = _inputSequencer.RingFullCount,
            OutputRingFullCount = Engine.Output.FullCount,
            EngineAllocatedBytes = _setup.AllocatedBytes,
            EngineAllocatedBytesAfterWarmup = _setup.AllocatedBytesAfterWarmup,
            Gen0Collections = GC.CollectionCount(0) - gen0,
            Gen1Collections = GC.CollectionCount(1) - gen1,
            Gen2Collections = GC.CollectionCount(2) - gen2,
            Interrupted = interrupted,
            Warnings = warnings,
            EngineFaults = Interlocked.Read(ref _engineFaults),
            JournalFaults = Interlocked.Read(ref _journalFaults),
        };
    }

    /// <summary>
    /// Claims batches of slots and fills them from the feed; the first slot after the input ends is EndOfStream, or,
    /// when the feed was stopped or an operator command is waiting then, the slot after that command.
    /// </summary>
    private bool Feed(IInputFeed feed, SingleProducerSequencer input, CancellationToken stop)
    {
        int batch = Math.Clamp(_runtime.FeedBatch, 1, _runtime.InputRingSize / 2);
        bool keepFeedTime = _runtime.FeedStampsTime;
        bool more = true;
        bool interrupted = false;
        while (more)
        {
            if (stop.IsCancellationRequested)
            {
                interrupted = true;
                break;
            }

            _commands.ForwardTo(_input, input);
            if (!input.TryNext(batch, out long high))
            {
                // The sequencer counted the full ring; the engine is behind by a whole ring of work. Yield rather than
                // spin: on a small machine the journal shares this core and has work whenever the engine does.
                Thread.Yield();
                continue;
            }

            long low = high - batch + 1;

            // One clock read per batch, taken when the feed has handed over the batch's first event: a paced feed waits
            // inside TryReadNext for the event's due time, and that wait is not the engine's latency.
            long now = 0;
            for (long s = low; s <= high; s++)
            {
                ref EngineEvent slot = ref _input[s];
                if (more && feed.TryReadNext(ref slot))
                {
                    if (s == low)
                    {
                        now = EngineClock.Timestamp();
                    }

                    if (!keepFeedTime)
                    {
                        slot.ReceivedTimestamp = now;
                    }

                    continue;
                }

                if (s == low)
                {
                    now = EngineClock.Timestamp();
                }

                if (more && _commands.IsEmpty)
                {
                    slot.Kind = EventKind.EndOfStream;
                    _endOfStreamSequence = s;
                }
                else
                {
                    slot.Kind = EventKind.None; // a command is waiting: it goes in before the end, below
                }

                slot.ReceivedTimestamp = now;
                more = false;
            }

            input.Publish(low, high);
        }

        if (_endOfStreamSequence < 0)
        {
            // Stopped, or a command was posted while the input ended (a halt, then the stop that ended a paced feed):
            // the command comes before the end.
            _commands.ForwardTo(_input, input);
            long end = input.Next();
            _input[end].Kind = EventKind.EndOfStream;
            _input[end].ReceivedTimestamp = EngineClock.Timestamp();
            _endOfStreamSequence = end;
            input.Publish(end);
        }

        return interrupted;
    }

    private void PinOrWarn(int cpu, string thread)
    {
        if (cpu >= 0 && !ThreadAffinity.TryPinCurrentThread(cpu, out string? error))
        {
            lock (_faults)
            {
                _faults.Add($"{thread} thread not pinned: {error}");
            }
        }
    }

    private void RecordFault(string processor, ProcessorFault fault, ref long counter)
    {
        Interlocked.Increment(ref counter);
        lock (_faults)
        {
            if (_faults.Count < 100)
            {
                _faults.Add($"{processor} handler fault at sequence {fault.Sequence} (event skipped): {fault.Exception.GetType().Name}: {fault.Exception.Message}");
            }
        }
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var spinner = default(SpinWait);
        while (!condition())
        {
            spinner.SpinOnce(sleep1Threshold: 20);
        }
    }
}
