using Engine.Model;
using Engine.Pipeline;

namespace Engine.EventLog;

/// <summary>
/// Plays an event journal as input (<c>engine replay events.journal</c>, and the journal tail on a resume): every
/// trusted record in order, its symbol ids mapped from the journal's table onto the run's registry. It stops at a
/// torn or corrupt tail (<see cref="Damage"/>) and, when given, before <paramref name="endPosition"/>.
/// Feed thread only; no allocation per event.
/// </summary>
public sealed class EventJournalFeed : IInputFeed, IDisposable
{
    private readonly EventJournalReader _reader;
    private readonly int[] _map; // journal symbol id -> run symbol id (-1: not traded)
    private readonly bool _identity;
    private long _endPosition;

    private EventJournalFeed(EventJournalReader reader, SymbolRegistry registry, long endPosition)
    {
        _reader = reader;
        _endPosition = endPosition;
        _map = new int[reader.Symbols.Count];
        _identity = true;
        for (int i = 0; i < _map.Length; i++)
        {
            _map[i] = registry.TryGet(reader.Symbols[i].AsSpan(), out SymbolId id) ? id.Value : -1;
            _identity &= _map[i] == i;
        }
    }

    /// <summary>Set when the journal ended at a torn or corrupt record (after the feed returned false).</summary>
    public JournalDamage? Damage => _reader.Damage;

    /// <summary>Position of the next record (after the end: records played from position 0).</summary>
    public long NextPosition => _reader.NextPosition;

    public IReadOnlyList<string> Symbols => _reader.Symbols;

    /// <summary>
    /// The position the feed stops before. A journal being written may be followed by raising it to the writer's
    /// durable position: records up to there are whole, and nothing after them is read.
    /// </summary>
    public long EndPosition
    {
        get => _endPosition;
        set => _endPosition = value;
    }

    /// <summary>Events of a kind without a symbol this build knows while the journal's ids and the run's differ (left as they were).</summary>
    public long UnmappedEvents { get; private set; }

    /// <summary>Opens <paramref name="path"/>; with <paramref name="skipTo"/>, records before that position are read and dropped.</summary>
    public static EventJournalFeed Open(string path, SymbolRegistry registry, long skipTo = 0, long endPosition = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(registry);
        EventJournalReader reader = EventJournalReader.Open(path);
        var feed = new EventJournalFeed(reader, registry, endPosition);
        EngineEvent scratch = default;
        while (reader.NextPosition < skipTo && reader.TryRead(ref scratch))
        {
        }

        return feed;
    }

    public bool TryReadNext(ref EngineEvent slot)
    {
        if (_reader.NextPosition >= _endPosition || !_reader.TryRead(ref slot))
        {
            return false;
        }

        if (!_identity)
        {
            Map(ref slot);
        }

        return true;
    }

    public void Dispose() => _reader.Dispose();

    private void Map(ref EngineEvent slot)
    {
        switch (slot.Kind)
        {
            case EventKind.Trade:
                slot.Trade.Symbol = MapId(slot.Trade.Symbol);
                break;
            case EventKind.AggregatedRow:
                slot.Row.Symbol = MapId(slot.Row.Symbol);
                break;
            case EventKind.VenueReport:
                slot.Report.Symbol = MapId(slot.Report.Symbol);
                break;
            case EventKind.OperatorCommand:
                slot.Command.Symbol = MapId(slot.Command.Symbol);
                break;
            case EventKind.MarkPrice:
                slot.Mark.Symbol = MapId(slot.Mark.Symbol);
                break;
            case EventKind.FeedGap:
                slot.Gap.Symbol = MapId(slot.Gap.Symbol);
                break;
            case EventKind.AccountUpdate:
                slot.AccountUpdate.Symbol = MapId(slot.AccountUpdate.Symbol);
                break;
            case EventKind.TimerTick:
            case EventKind.VenueThrottled:
                break;
            default:
                UnmappedEvents++;
                break;
        }
    }

    private SymbolId MapId(SymbolId id) =>
        (uint)id.Value < (uint)_map.Length ? new SymbolId(_map[id.Value]) : id;
}
