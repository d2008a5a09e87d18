using Engine.Interop;
using Engine.Ring;
using Engine.Timing;

namespace Engine.Latency;

/// <summary>
/// Round trips between two threads through two single-producer rings (busy-spin): the pinger publishes to the ping
/// ring and spins on the pong ring; the ponger's processor echoes each ping. One sample per round trip.
/// </summary>
internal sealed class PingPong
{
    private const int Capacity = 1024;
    private const int PingCpu = 0;
    private const int PongCpu = 1;

    /// <summary>Runs <paramref name="warmUp"/> unrecorded then <paramref name="samplesNanos"/>.Length recorded round trips; returns whether both threads were pinned.</summary>
    private readonly SingleProducerSequencer _ping = new(Capacity, new BusySpinWaitStrategy());
    private readonly RingBuffer<BenchEvent> _pingRing = new(Capacity);
    private readonly SingleProducerSequencer _pong = new(Capacity, new BusySpinWaitStrategy());
    private readonly RingBuffer<BenchEvent> _pongRing = new(Capacity);
    private readonly BatchEventProcessor<BenchEvent, EchoHandler> _echo;
    private readonly SequenceBarrier _pongBarrier;
    private readonly Sequence _pingerRead = new();

    public PingPong()
    {
        _echo = new BatchEventProcessor<BenchEvent, EchoHandler>(_pingRing, _ping.NewBarrier(), new EchoHandler(_pong, _pongRing));
        _ping.AddGatingSequence(_echo.Sequence);
        _pongBarrier = _pong.NewBarrier();
        _pong.AddGatingSequence(_pingerRead);
    }

    public bool Measure(long[] samplesNanos, int warmUp)
    {
        // Reused across runs: both rings advance in lockstep, so the echo of ping s is still pong s.
        var ping = _ping;
        var pingRing = _pingRing;
        var echo = _echo;
        var pongBarrier = _pongBarrier;
        var pingerRead = _pingerRead;

        bool pongPinned = false;
        var ponger = new Thread(() =>
        {
            pongPinned = ThreadAffinity.TryPinCurrentThread(PongCpu, out _);
            echo.Run();
        })
        { IsBackground = true, Name = "ponger" };

        bool pingPinned = false;
        var pinger = new Thread(() =>
        {
            pingPinned = ThreadAffinity.TryPinCurrentThread(PingCpu, out _);
            Pinger(ping, pingRing, pongBarrier, pingerRead, samplesNanos, warmUp);
        })
        { IsBackground = true, Name = "pinger" };

        ponger.Start();
        pinger.Start();
        pinger.Join();
        echo.Halt();
        ponger.Join();

        for (int i = 0; i < samplesNanos.Length; i++)
        {
            samplesNanos[i] = EngineClock.TicksToNanos(samplesNanos[i]); // ticks -> ns after the run, off the measured path
        }

        return pingPinned && pongPinned;
    }

    private static void Pinger(
        SingleProducerSequencer ping,
        RingBuffer<BenchEvent> pingRing,
        SequenceBarrier pongBarrier,
        Sequence pingerRead,
        long[] samplesTicks,
        int warmUp)
    {
        int total = warmUp + samplesTicks.Length;
        for (int i = 0; i < total; i++)
        {
            long start = EngineClock.Timestamp();
            long s = ping.Next();
            ref BenchEvent e = ref pingRing[s];
            e.Value = i;
            e.Timestamp = start;
            ping.Publish(s);

            // Lockstep: the echo of ping s is pong s.
            long available;
            while (pongBarrier.WaitFor(s, out available) != WaitOutcome.Available || available < s)
            {
            }

            long end = EngineClock.Timestamp();
            pingerRead.Value = s;
            if (i >= warmUp)
            {
                samplesTicks[i - warmUp] = end - start;
            }
        }
    }
}
