using Engine.Cli.EventLog;
using Engine.Model;

namespace Engine.Tests.Cli.EventLog;

/// <summary>Hand-made input events of every kind, and a way to write them to a journal as the journal thread would.</summary>
internal static class JournalEvents
{
    public static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    public static EngineEvent Trade(long id, string price, string qty, long timeMs, int symbol = 0, bool buyerIsMaker = false)
    {
        EngineEvent e = default;
        e.Kind = EventKind.Trade;
        e.ReceivedTimestamp = 1_000_000 + id;
        e.Trade = new Trade
        {
            Symbol = new SymbolId(symbol), Id = id, FirstTradeId = id, LastTradeId = id, Price = Price.Parse(price),
            Quantity = Quantity.Parse(qty), TradeTimeMs = timeMs, EventTimeMs = timeMs + 1, BuyerIsMaker = buyerIsMaker,
            IsAggregate = true,
        };
        return e;
    }

    public static EngineEvent Tick(long timeMs)
    {
        EngineEvent e = default;
        e.Kind = EventKind.TimerTick;
        e.ReceivedTimestamp = 7;
        e.TimerMs = timeMs;
        return e;
    }

    public static EngineEvent Command(OperatorCommandKind kind, long timeMs, int symbol = -1)
    {
        EngineEvent e = default;
        e.Kind = EventKind.OperatorCommand;
        e.ReceivedTimestamp = 9;
        e.Command = new OperatorCommand(kind, new SymbolId(symbol), timeMs);
        return e;
    }

    public static EngineEvent Report(long clientId, VenueReportKind kind, string qty, string price, long timeMs)
    {
        EngineEvent e = default;
        e.Kind = EventKind.VenueReport;
        e.ReceivedTimestamp = 11;
        e.Report = new VenueReport
        {
            Kind = kind, ClientId = new ClientOrderId(clientId), VenueId = new OrderId(clientId + 5000), Symbol = new SymbolId(1),
            Side = Side.Sell, LastQuantity = Quantity.Parse(qty), LastPrice = Price.Parse(price), TradeId = 77,
            CumulativeQuantity = Quantity.Parse(qty), Fee = Money.FromDecimal(0.0123m), IsMaker = true, EventTimeMs = timeMs,
        };
        return e;
    }

    /// <summary>Writes <paramref name="events"/> as consecutive ring sequences, a batch ending every <paramref name="batch"/> events.</summary>
    public static void Write(EventJournalWriter writer, IReadOnlyList<EngineEvent> events, int batch = 3, long firstSequence = 0)
    {
        for (int i = 0; i < events.Count; i++)
        {
            EngineEvent e = events[i];
            writer.OnEvent(ref e, firstSequence + i, endOfBatch: i % batch == batch - 1 || i == events.Count - 1);
        }

        writer.OnShutdown();
    }

    public static List<EngineEvent> ReadAll(string path, out JournalDamage? damage)
    {
        using EventJournalReader reader = EventJournalReader.Open(path);
        var events = new List<EngineEvent>();
        EngineEvent slot = default;
        while (reader.TryRead(ref slot))
        {
            events.Add(slot);
        }

        damage = reader.Damage;
        return events;
    }

    public static EventJournalOptions NoFsync => new() { Fsync = false };
}
