// name: Notify on a Processor and on a ThermalZone returns normally
// expect: 0x2
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Processor (CPU0, 0, 0, 0) {}
    ThermalZone (TZ0) {}
    Method (MAIN, 0)
    {
        Notify (CPU0, 0x80)
        Notify (TZ0, 0x81)
        Return (2)
    }
}
