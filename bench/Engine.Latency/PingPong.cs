using Engine.Interop;
using Engine.Metrics;
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

    /// <summary>The two CPUs the ping and pong threads are pinned to (always different).</summary>
    public static string CpuPair => $"ping on CPU {PingCpu}, pong on CPU {PongCpu}";

    /// <summary>
    /// Runs <paramref name="warmUp"/> unrecorded then <paramref name="samples"/> recorded round trips into
    /// <paramref name="roundTripNanos"/> (cleared first); returns null when both threads were pinned, else why not.
    /// </summary>
    public string? Measure(Histogram roundTripNanos, int samples, int warmUp)
    {
        // Reused across runs: both rings advance in lockstep, so the echo of ping s is still pong s.
        var ping = _ping;
        var pingRing = _pingRing;
        var echo = _echo;
        var pongBarrier = _pongBarrier;
        var pingerRead = _pingerRead;
        roundTripNanos.Reset();

        string? pongError = null;
        var ponger = new Thread(() =>
        {
            ThreadAffinity.TryPinCurrentThread(PongCpu, out pongError);
            echo.Run();
        })
        { IsBackground = true, Name = "ponger" };

        string? pingError = null;
        var pinger = new Thread(() =>
        {
            ThreadAffinity.TryPinCurrentThread(PingCpu, out pingError);
            Pinger(ping, pingRing, pongBarrier, pingerRead, roundTripNanos, samples, warmUp);
        })
        { IsBackground = true, Name = "pinger" };

        ponger.Start();
        pinger.Start();
        pinger.Join();
        echo.Halt();
        ponger.Join();
        return pingError is null && pongError is null ? null : $"ping: {pingError ?? "pinned"}; pong: {pongError ?? "pinned"}";
    }

    private static void Pinger(
        SingleProducerSequencer ping,
        RingBuffer<BenchEvent> pingRing,
        SequenceBarrier pongBarrier,
        Sequence pingerRead,
        Histogram roundTripNanos,
        int samples,
        int warmUp)
    {
        int total = warmUp + samples;
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
                // Recorded after the clock read, so the histogram's few ns fall between round trips, not inside one.
                long nanos = EngineClock.ElapsedNanos(start, end);
                roundTripNanos.RecordValue(nanos < 1 ? 1 : nanos);
            }
        }
    }
}
