namespace Engine.Model;

/// <summary>
/// An operator's command, carried by the input ring so that it takes effect on the engine thread, in order with
/// the market events around it. The producer stamps <see cref="TimeMs"/> with the engine's current event time.
/// </summary>
public struct OperatorCommand
{
    public OperatorCommandKind Kind;

    /// <summary>The symbol it applies to, or <see cref="SymbolId.None"/> for every symbol of the process.</summary>
    public SymbolId Symbol;

    /// <summary>Event time at which the command applies, Unix epoch ms UTC; 0: at the engine's current event time (`engine ctl`).</summary>
    public long TimeMs;

    public OperatorCommand(OperatorCommandKind kind, SymbolId symbol, long timeMs)
    {
        Kind = kind;
        Symbol = symbol;
        TimeMs = timeMs;
    }
}
