from projects_harness import open_projects, projects_app, text_of
from search_harness import BOB, settle


async def test_dbg(sandbox_app, tmp_path):
    app = projects_app(sandbox_app, tmp_path, user=BOB)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_projects(pilot)
        await pilot.press("j", "j", "j")
        await pilot.press("d", "enter")
        await settle(pilot)
        print(await text_of(pilot))
