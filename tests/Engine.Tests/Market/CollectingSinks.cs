using Engine.Market;
using Engine.Model;

namespace Engine.Tests.Market;

/// <summary>Copies every emitted row into a list (tests only; allocates).</summary>
public struct RowList : IRowSink
{
    public RowList()
    {
    }

    public List<AggregatedRow> Rows { get; } = [];

    public readonly void OnRow(in AggregatedRow row) => Rows.Add(row);
}

/// <summary>Copies every emitted bar into a list (tests only; allocates).</summary>
public struct BarList : IVolumeBarSink
{
    public BarList()
    {
    }

    public List<VolumeBar> Bars { get; } = [];

    public readonly void OnBar(in VolumeBar bar) => Bars.Add(bar);
}
