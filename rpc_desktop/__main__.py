from rpc_desktop.cli import main

raise SystemExit(main())
