using Engine.Model;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Tape;

namespace Engine.Tests.Sim.Market;

/// <summary>Small hand-made tapes for the market side's tests, and a way to host them.</summary>
internal static class MarketTapes
{
    /// <summary>A raw trade of <paramref name="symbol"/> (price and quantity as decimal text).</summary>
    public static Trade Raw(SymbolRegistry symbols, string symbol, long id, string price, string quantity, long timeMs, bool buyerIsMaker = false)
    {
        Assert.True(FixedPoint.TryParse(price.AsSpan(), out long p));
        Assert.True(FixedPoint.TryParse(quantity.AsSpan(), out long q));
        return new Trade
        {
            Symbol = symbols.Add(symbol),
            Id = id,
            FirstTradeId = id,
            LastTradeId = id,
            Price = new Price(p),
            Quantity = new Quantity(q),
            TradeTimeMs = timeMs,
            EventTimeMs = timeMs,
            BuyerIsMaker = buyerIsMaker,
        };
    }

    /// <summary>The market side's state, for an assertion's message.</summary>
    public static string Diagnose(SimServer server)
    {
        Engine.Sim.Market.MarketService m = server.Exchange.MarketSide!;
        return $"steps played {m.Player.StepsPlayed}/{m.Store.Steps.Length}, clock running {server.Exchange.Clock.IsRunning}, "
            + $"sockets open {m.Hub.Open}, opened {m.Hub.Opened}, sent on stream 0: {m.Hub.SentOn(0)}, closed: {string.Join("; ", m.Hub.ClosedByReason())}";
    }

    public static Task<SimServer> Host(SimTape tape, SimFaults? faults = null, Action<SimOptions>? configure = null)
    {
        var options = new SimOptions { LingerSeconds = 0 };
        configure?.Invoke(options);
        return SimServer.StartAsync(new SimExchange(options, tape, faults));
    }
}
