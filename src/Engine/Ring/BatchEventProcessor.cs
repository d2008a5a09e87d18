using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// Runs one consumer on the calling thread: waits on its barrier, hands every available slot to a struct handler
/// by reference in batches, then advances its <see cref="Sequence"/> (which producers gate on and downstream
/// consumers wait on). Handler exceptions are reported with their sequence and skipped or halt the processor,
/// per <see cref="HandlerFaultPolicy"/>. Stop it with <see cref="Halt"/> (at once) or <see cref="HaltWhenDrained"/>.
/// </summary>
public sealed class BatchEventProcessor<T, THandler>
    where T : struct
    where THandler : struct, IEventHandler<T>
{
    private const int Idle = 0;
    private const int Running = 1;

    private const int NoHaltRequest = 0;
    private const int HaltNowRequest = 1;
    private const int HaltDrainedRequest = 2;

    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly HandlerFaultPolicy _faultPolicy;
    private readonly Action<ProcessorFault>? _onFault;

    // Written only by the processor thread (release store after each batch); read by producers and downstream.
    private readonly Sequence _sequence = new();

    // Not readonly: a call on a readonly field of a mutable struct runs on a defensive copy, losing its state.
    private THandler _handler;

    private int _state;

    // Written by any thread (Halt, HaltWhenDrained), read by the processor thread when its barrier is alerted.
    private int _haltRequest;

    private long _faultCount;

    // The sequence the handler is working on (processor thread only): where a fault is reported and skipped from.
    private long _current;

    // Written by the processor thread only; read it from OnFault or after Run returned.
    private ProcessorFault? _lastFault;

    /// <param name="ring">The slots.</param>
    /// <param name="barrier">This consumer's own barrier (from <see cref="Sequencer.NewBarrier"/>); alerting it is how the processor is halted.</param>
    /// <param name="handler">The struct handler; copied in, reach it again through <see cref="Handler"/>.</param>
    /// <param name="faultPolicy">Skip a faulting event or halt.</param>
    /// <param name="onFault">Called on the processor thread for every handler exception (cold path).</param>
    public BatchEventProcessor(
        RingBuffer<T> ring,
        SequenceBarrier barrier,
        THandler handler,
        HandlerFaultPolicy faultPolicy = HandlerFaultPolicy.HaltProcessor,
        Action<ProcessorFault>? onFault = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
        _faultPolicy = faultPolicy;
        _onFault = onFault;
    }

    /// <summary>The last sequence this consumer finished: gate producers on it, or chain downstream barriers to it.</summary>
    public Sequence Sequence => _sequence;

    /// <summary>The handler's live state; touch it from other threads only while the processor is not running.</summary>
    public ref THandler Handler => ref _handler;

    public bool IsRunning => Volatile.Read(ref _state) == Running;

    /// <summary>How many times the handler threw.</summary>
    public long FaultCount => Volatile.Read(ref _faultCount);

    /// <summary>The most recent handler exception with its sequence; read from the fault callback or after <see cref="Run"/> returned.</summary>
    public ProcessorFault? LastFault => _lastFault;

    /// <summary>Stops as soon as the processor notices, leaving any unprocessed events. Safe from any thread, also before <see cref="Run"/>.</summary>
    public void Halt()
    {
        Volatile.Write(ref _haltRequest, HaltNowRequest);
        _barrier.Alert();
    }

    /// <summary>
    /// Stops once every event published before this call (up to the cursor it then reads) is processed. Call it after
    /// the producers have published all they claimed; with upstream consumers, drain them first or alongside.
    /// </summary>
    public void HaltWhenDrained()
    {
        Interlocked.CompareExchange(ref _haltRequest, HaltDrainedRequest, NoHaltRequest); // never downgrades a Halt
        _barrier.Alert();
    }

    /// <summary>Processes events on the calling thread until halted, drained or faulted (under <see cref="HandlerFaultPolicy.HaltProcessor"/>).</summary>
    public ProcessorExit Run()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Idle) != Idle)
        {
            ThrowHelper.ProcessorAlreadyRunning();
        }

        try
        {
            if (!TryNotifyStart())
            {
                return ProcessorExit.Faulted;
            }

            return ProcessEvents();
        }
        finally
        {
            NotifyShutdown();
            Volatile.Write(ref _haltRequest, NoHaltRequest);
            _barrier.ClearAlert();
            Volatile.Write(ref _state, Idle);
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "a handler fault is reported and handled by policy, never lost")]
    private ProcessorExit ProcessEvents()
    {
        long next = _sequence.Value + 1;
        long drainTarget = long.MaxValue;
        while (true)
        {
            try
            {
                while (true)
                {
                    _current = next; // what a throw before the handler's first event (in the wait, in OnBatchStart) is reported against
                    WaitOutcome outcome = _barrier.WaitFor(next, out long available);
                    if (outcome == WaitOutcome.Available)
                    {
                        if (available >= next)
                        {
                            _handler.OnBatchStart(available - next + 1);
                            next = HandleBatch(next, available);
                            _sequence.Value = available; // release: slots up to here are done; producers may reuse them
                        }

                        if (next > drainTarget)
                        {
                            return ProcessorExit.Drained;
                        }
                    }
                    else if (outcome == WaitOutcome.Alerted)
                    {
                        if (!TryBeginDrain(ref drainTarget))
                        {
                            return ProcessorExit.Halted;
                        }

                        if (next > drainTarget)
                        {
                            return ProcessorExit.Drained;
                        }
                    }

                    // TimedOut: wait again; a halt raised meanwhile shows as Alerted on the next wait.
                }
            }
            catch (Exception exception)
            {
                next = _current; // the event that threw, or the next one when the throw came before the handler
                ReportFault(next, exception);
                if (_faultPolicy == HandlerFaultPolicy.HaltProcessor)
                {
                    _sequence.Value = next - 1; // the batch's events before the faulting one are done
                    return ProcessorExit.Faulted;
                }

                _sequence.Value = next; // skip: the faulting event counts as processed
                next++;
            }
        }
    }

    // The hot loop, kept out of ProcessEvents: a local that its catch block reads must live on the stack, so there the
    // loop counter went through memory on every event. Here it stays in a register; the sequence being handled is
    // only stored, for the catch block to find.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long HandleBatch(long next, long available)
    {
        RingBuffer<T> ring = _ring;
        for (; next <= available; next++)
        {
            _current = next;
            _handler.OnEvent(ref ring[next], next, next == available);
        }

        return next;
    }

    // Cold: the barrier was alerted. False means halt now; true means drain up to drainTarget.
    private bool TryBeginDrain(ref long drainTarget)
    {
        if (Volatile.Read(ref _haltRequest) != HaltDrainedRequest)
        {
            return false;
        }

        if (drainTarget == long.MaxValue)
        {
            drainTarget = _barrier.Cursor.Value;
        }

        _barrier.ClearAlert();
        Interlocked.MemoryBarrier(); // the clear must land before we re-read the request, or a racing Halt is lost
        return Volatile.Read(ref _haltRequest) == HaltDrainedRequest;
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "reported as a fault")]
    private bool TryNotifyStart()
    {
        try
        {
            _handler.OnStart();
            return true;
        }
        catch (Exception exception)
        {
            ReportFault(_sequence.Value, exception);
            return false;
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "reported as a fault")]
    private void NotifyShutdown()
    {
        try
        {
            _handler.OnShutdown();
        }
        catch (Exception exception)
        {
            ReportFault(_sequence.Value, exception);
        }
    }

    private void ReportFault(long sequence, Exception exception)
    {
        var fault = new ProcessorFault(sequence, exception);
        _lastFault = fault;
        Interlocked.Increment(ref _faultCount);
        _onFault?.Invoke(fault);
    }
}
