using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// The gateway as the pipeline's output consumer (<c>PipelineAttachments.OutputConsumer</c>): on its own thread it sees
/// every output and carries out the order requests, in ring order; the venue's answers go back through the input ring.
/// </summary>
public sealed class GatewayOutputHandler : IEventHandler<OutputEvent>
{
    private readonly OrderGateway _gateway;
    private readonly bool _syncClockAtStart;

    public GatewayOutputHandler(OrderGateway gateway, bool syncClockAtStart = true)
    {
        _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
        _syncClockAtStart = syncClockAtStart;
    }

    public long OrderRequests { get; private set; }

    public void OnStart()
    {
        if (_syncClockAtStart)
        {
            _gateway.SyncClock();
        }
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Kind == OutputKind.OrderRequested && evt.Order.Command != OrderCommand.None)
        {
            OrderRequests++;
            _gateway.Handle(in evt.Order, evt.InputKind == EventKind.Trade ? evt.InputTimestamp : 0); // a market frame's order: tick-to-order
        }
    }

    public void OnShutdown()
    {
    }
}
