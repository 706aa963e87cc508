#pragma once
#error this header refuses to be included
