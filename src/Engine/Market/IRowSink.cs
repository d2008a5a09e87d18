using Engine.Model;

namespace Engine.Market;

/// <summary>
/// Receives each closed time interval from <see cref="TimeAggregator"/>. Implement it on a struct and pass it by
/// <c>ref</c> as a generic argument so the call is devirtualized and inlined. The row is only valid during the call.
/// </summary>
public interface IRowSink
{
    void OnRow(in AggregatedRow row);
}
