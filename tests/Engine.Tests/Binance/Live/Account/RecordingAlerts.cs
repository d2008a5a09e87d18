using Engine.Binance.Live.Alerts;

namespace Engine.Tests.Binance.Live.Account;

/// <summary>An <see cref="IAlertSink"/> that keeps every alert (thread-safe).</summary>
internal sealed class RecordingAlerts : IAlertSink
{
    private readonly List<(AlertKind Kind, string? Symbol, string Message)> _all = [];

    public IReadOnlyList<(AlertKind Kind, string? Symbol, string Message)> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public bool Raise(AlertKind kind, string? symbol, string message)
    {
        lock (_all)
        {
            _all.Add((kind, symbol, message));
        }

        return true;
    }
}
