using Engine.Ring;

namespace Engine.Latency;

/// <summary>The pong side of the ping-pong: copies each ping into the pong ring and publishes it at once.</summary>
internal struct EchoHandler : IEventHandler<BenchEvent>
{
    private readonly SingleProducerSequencer _pong;
    private readonly RingBuffer<BenchEvent> _pongRing;

    public EchoHandler(SingleProducerSequencer pong, RingBuffer<BenchEvent> pongRing)
    {
        _pong = pong;
        _pongRing = pongRing;
    }

    public void OnStart()
    {
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch)
    {
        long s = _pong.Next();
        _pongRing[s] = evt;
        _pong.Publish(s);
    }

    public void OnShutdown()
    {
    }
}
