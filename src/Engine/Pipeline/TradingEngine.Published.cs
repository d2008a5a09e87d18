namespace Engine.Pipeline;

// What cold threads may see of the engine: the trading figures, copied out through a sequence lock whenever they change
// (a signal, an order, a fill, a close), never read live.
public sealed partial class TradingEngine<TOut>
{
    private AccountFigures _figures;

    /// <summary>The trading figures as last published by the engine thread; the status line reads them here.</summary>
    public PublishedAccount PublishedAccount { get; } = new();

    private void PublishFigures()
    {
        _figures.AwaitingVenue = _oms.AwaitingVenue;
        PublishedAccount.Publish(in _figures);
    }
}
