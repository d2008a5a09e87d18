namespace Engine.Model;

/// <summary>Order or aggressor side.</summary>
public enum Side : byte
{
    Buy = 1,
    Sell = 2,
}
