using Engine.Interop;
using Engine.Ring;
using Engine.Timing;

namespace Engine.Latency;

/// <summary>
/// Round trips between two threads through two single-producer rings (busy-spin): the pinger publishes to the ping
/// ring and spins on the pong ring; the ponger's processor echoes each ping. One sample per round trip.
/// </summary>
internal static class PingPong
{
    private const int Capacity = 1024;
    private const int PingCpu = 0;
    private const int PongCpu = 1;

    /// <summary>Runs <paramref name="warmUp"/> unrecorded then <paramref name="samplesNanos"/>.Length recorded round trips; returns whether both threads were pinned.</summary>
    public static bool Measure(long[] samplesNanos, int warmUp)
    {
        var ping = new SingleProducerSequencer(Capacity, new BusySpinWaitStrategy());
        var pingRing = new RingBuffer<BenchEvent>(Capacity);
        var pong = new SingleProducerSequencer(Capacity, new BusySpinWaitStrategy());
        var pongRing = new RingBuffer<BenchEvent>(Capacity);

        var echo = new BatchEventProcessor<BenchEvent, EchoHandler>(pingRing, ping.NewBarrier(), new EchoHandler(pong, pongRing));
        ping.AddGatingSequences(echo.Sequence);
        SequenceBarrier pongBarrier = pong.NewBarrier();
        var pingerRead = new Sequence();
        pong.AddGatingSequences(pingerRead);

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
