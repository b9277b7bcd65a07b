from uxaudit.cli import main

raise SystemExit(main())
