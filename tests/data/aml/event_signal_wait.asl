// name: Wait on an unsignalled Event times out (true), a Signal lets one Wait through (false), then it times out again
// expect: Package(3) {0xFFFFFFFFFFFFFFFF, 0x0, 0xFFFFFFFFFFFFFFFF}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Event (EVT1)
    Method (MAIN, 0)
    {
        Local7 = Package (3) {}
        Local7[0] = Wait (EVT1, 0)
        Signal (EVT1)
        Local7[1] = Wait (EVT1, 0)
        Local7[2] = Wait (EVT1, 0)
        Return (Local7)
    }
}
