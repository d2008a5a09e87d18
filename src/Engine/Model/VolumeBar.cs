namespace Engine.Model;

/// <summary>A closed bar holding exactly its threshold of base volume (or quote volume for dollar bars).</summary>
public struct VolumeBar
{
    public SymbolId Symbol;

    /// <summary>Running number of this bar for its symbol, from 0.</summary>
    public long Index;

    public Price Open;
    public Price High;
    public Price Low;
    public Price Close;
    public Quantity Volume;
    public Quantity BuyVolume;
    public Quantity SellVolume;
    public double Vwap;
    public int Trades;

    /// <summary>Trade time of the first and last trade in the bar, Unix epoch ms UTC.</summary>
    public long FirstTradeTimeMs;
    public long LastTradeTimeMs;

    public readonly Quantity Delta => BuyVolume - SellVolume;
}
